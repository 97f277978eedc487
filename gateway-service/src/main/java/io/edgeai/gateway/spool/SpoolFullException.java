package io.edgeai.gateway.spool;

/** The spool holds as much undelivered data as it may: new readings are refused until data-shard catches up. */
public class SpoolFullException extends RuntimeException {

    public SpoolFullException(long capacity) {
        super("the ingest spool is full (" + capacity + " bytes waiting for data-shard); retry later", null, false,
                false);
    }
}

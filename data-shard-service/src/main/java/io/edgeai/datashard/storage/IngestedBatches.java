package io.edgeai.datashard.storage;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code ingest_batch} table: which batch ids a shard has stored and with what content digest.
 *
 * <p>A batch id is recorded in the same transaction as the rows it brought, so after a crash either both are there
 * (a retry answers "duplicate") or neither is (a retry stores the part). Kept until retention's age cutoff.
 */
public final class IngestedBatches {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;

    IngestedBatches(JdbcTemplate jdbc, WriteTransactions writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** The digest a batch id was stored with in this shard, if it was. */
    public Optional<String> digest(String batchId) {
        return jdbc.queryForList("SELECT digest FROM ingest_batch WHERE batch_id = ?", String.class, batchId)
                .stream().findFirst();
    }

    void record(BatchPart part, int readings, int predictions, int alertEvents) {
        writes.require();
        jdbc.update("INSERT INTO ingest_batch (batch_id, digest, readings, predictions, alert_events, stored_us)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", part.batchId(), part.digest(), readings, predictions,
                alertEvents, EpochMicros.of(Instant.now()));
    }

    int deleteBefore(long cutoffUs) {
        writes.require();
        return jdbc.update("DELETE FROM ingest_batch WHERE stored_us < ?", cutoffUs);
    }
}

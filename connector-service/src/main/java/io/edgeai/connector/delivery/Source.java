package io.edgeai.connector.delivery;

/**
 * Where a message came from: its protocol (the {@code protocol} tag of the metrics), which connection is current,
 * and how a message is acknowledged once the gateway has taken it.
 */
public interface Source {

    /** {@code mqtt}, {@code opcua}: the metrics' protocol tag. */
    String protocol();

    /**
     * The current connection; a message of an earlier one is dropped when the source sends it again by itself
     * (MQTT's broker does; a source that does not returns a constant).
     */
    long session();

    /** Acknowledges a message (MQTT: PUBACK); false when it could not (the source will send it again). */
    boolean acknowledge(Inbound message);
}

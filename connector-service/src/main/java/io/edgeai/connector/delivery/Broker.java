package io.edgeai.connector.delivery;

/** What delivery needs of the broker connection: acknowledgements and publishing, and which session is current. */
public interface Broker {

    /** The current connection; it changes when the connection is lost. */
    long session();

    /** Acknowledges a message to the broker (PUBACK); false when it could not (the broker will send it again). */
    boolean acknowledge(Inbound message);

    /**
     * Publishes at QoS 1; the message is in the client's persistent store when this returns, so it goes out after a
     * reconnect or a restart of the connector.
     */
    void publish(String topic, byte[] payload, boolean retained);
}

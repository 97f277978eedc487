package io.edgeai.connector.delivery;

/** What delivery needs of the broker connection: acknowledgements and publishing, and which session is current. */
public interface Broker {

    /** The current connection; it changes when the connection is lost. */
    long session();

    /** Acknowledges a message to the broker (PUBACK); false when it could not (the broker will send it again). */
    boolean acknowledge(Inbound message);

    /**
     * Publishes at QoS 1; the message is in the client's persistent store when this returns, so it goes out after a
     * restart of the connector. While disconnected it is not published: the messages being answered cannot be
     * acknowledged either, so the broker sends them again and they are answered then.
     */
    void publish(String topic, byte[] payload, boolean retained);
}

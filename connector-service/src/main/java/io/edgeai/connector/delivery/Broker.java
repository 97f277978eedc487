package io.edgeai.connector.delivery;

/** The MQTT connection: a source of messages, and where the gateway's answers (of every protocol) are published. */
public interface Broker extends Source {

    /** Publishes nothing: the answers' destination when MQTT is switched off. */
    Broker NONE = new Broker() {
        @Override
        public String protocol() {
            return "none";
        }

        @Override
        public long session() {
            return 0;
        }

        @Override
        public boolean acknowledge(Inbound message) {
            return true;
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            // MQTT is off: decisions are only in the gateway's answers and data-shard.
        }
    };

    /**
     * Publishes at QoS 1; the message is in the client's persistent store when this returns, so it goes out after a
     * restart of the connector. While disconnected it is not published: the messages being answered cannot be
     * acknowledged either, so the broker sends them again and they are answered then.
     */
    void publish(String topic, byte[] payload, boolean retained);
}

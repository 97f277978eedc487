package io.edgeai.simulator.client;

import io.edgeai.simulator.machine.Reading;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes each reading as one QoS 1 message to {@code factory/<machineType>/<deviceId>/telemetry} (the topic
 * template is configurable), the way a machine's MQTT gateway would; the connector carries it into the pipeline. A
 * batch counts as delivered once the broker acknowledged every message of it; while the broker is away the same
 * messages are sent again, so a device's readings are never dropped (they may arrive twice: the pipeline stores a
 * device's reading once per timestamp).
 */
public final class MqttReadingPublisher implements ReadingSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttReadingPublisher.class.getName());

    private final MqttAsyncClient client;
    private final String topicTemplate;
    private final TrafficStats stats;

    public MqttReadingPublisher(String broker, String clientId, String topicTemplate, TrafficStats stats)
            throws MqttException {
        this.client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        this.topicTemplate = topicTemplate;
        this.stats = stats;
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2000);
        options.setMaxInflight(1000);
        connect(options);
    }

    private void connect(MqttConnectOptions options) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.connect(options).waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                if (attempt >= 30) {
                    throw e;
                }
                LOG.warning("MQTT broker not reachable (" + e + "), trying again");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public Delivery deliver(String deviceId, List<Reading> readings, BooleanSupplier stopping)
            throws InterruptedException {
        stats.sent(readings.size());
        for (Reading reading : readings) {
            String topic = topicTemplate.replace("{deviceId}", deviceId)
                    .replace("{machineType}", reading.machineType().name());
            byte[] payload = ReadingJson.reading(reading).getBytes(StandardCharsets.UTF_8);
            while (true) {
                if (stopping.getAsBoolean()) {
                    return Delivery.ABANDONED;
                }
                try {
                    client.publish(topic, payload, 1, false).waitForCompletion(10_000);
                    stats.httpStatus("puback");
                    break;
                } catch (MqttException e) {
                    stats.retried();
                    Thread.sleep(500);
                }
            }
        }
        stats.ok(readings.size());
        return Delivery.ACCEPTED;
    }

    @Override
    public void close() {
        try {
            client.disconnect(2000).waitForCompletion(3000);
            client.close();
        } catch (MqttException e) {
            // closing anyway
        }
    }
}

package io.edgeai.connector.mqtt;

import io.edgeai.connector.config.ConnectorProperties;
import io.edgeai.connector.config.MqttProperties;
import io.edgeai.connector.delivery.Broker;
import io.edgeai.connector.delivery.DeliveryLanes;
import io.edgeai.connector.delivery.Inbound;
import io.edgeai.connector.mapping.Mapped;
import io.edgeai.connector.mapping.PayloadMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MQTT side: one Paho client with a persistent session (clean session off, a stable client id, outgoing
 * messages in a file store under the data folder), QoS 1 subscriptions, and manual acknowledgements: a message is
 * acknowledged by {@link DeliveryLanes} once the gateway has taken it. Connects in the background and keeps
 * trying, so the service starts (and is ready) without a broker, and again after a lost connection (its own loop on
 * a daemon thread rather than Paho's automatic reconnect, whose timer thread would keep a stopping JVM alive).
 */
@Component
public class MqttConnector implements SmartLifecycle, Broker, MqttCallbackExtended {

    private static final Logger log = LoggerFactory.getLogger(MqttConnector.class);
    private static final int QOS = 1;

    private final MqttProperties mqtt;
    private final Path persistenceDir;
    private final DeliveryLanes lanes;
    private final List<PayloadMapper> mappers;
    private final MeterRegistry meters;
    private final AtomicLong session = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean running;
    private volatile String lastError = "not connected yet";
    private volatile MqttAsyncClient client;
    private ScheduledExecutorService connector;

    public MqttConnector(MqttProperties mqtt, ConnectorProperties properties, DeliveryLanes lanes, JsonMapper json,
                         MeterRegistry meters) {
        this.mqtt = mqtt;
        this.persistenceDir = properties.dataDir().resolve("mqtt");
        this.lanes = lanes;
        this.mappers = mqtt.subscriptions().stream().map(s -> new PayloadMapper(s, json)).toList();
        this.meters = meters;
        Gauge.builder("edge_connector_mqtt_connected", this, c -> c.connected ? 1 : 0).register(meters);
    }

    @Override
    public synchronized void start() {
        if (running || !mqtt.enabled()) {
            return;
        }
        client = newClient();
        running = true;
        lanes.start(this);
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect");
            t.setDaemon(true);
            return t;
        });
        connector.execute(this::connectUntilConnected);
    }

    private MqttAsyncClient newClient() {
        return PahoClients.create(mqtt, persistenceDir, this);
    }

    /**
     * A connect that never got its CONNACK (a broker half up after a restart) leaves Paho's client "connecting" for
     * good: every later connect fails with 32110, "connect already in progress" (seen in MqttConnectorIT). The client
     * is closed by force and made again on the same persistent store, so the session and the QoS 1 messages in
     * flight are kept; messages of the old client not acknowledged yet come again on the new connection.
     */
    private synchronized void renewClient() {
        session.incrementAndGet();
        PahoClients.closeByForce(client);
        if (running) {
            client = newClient();
            log.info("MQTT client to {} made again after a connect that did not complete", mqtt.broker());
        }
    }

    /** Connects, trying again with growing pauses (up to 5 s) until connected or stopped. */
    private void connectUntilConnected() {
        long pause = 500;
        while (running && !client.isConnected()) {
            try {
                client.connect(options()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                lastError = e.toString();
                log.warn("MQTT broker {} not reachable ({}); trying again in {} ms", mqtt.broker(), e, pause);
                if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT
                        || e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                    renewClient();
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(pause * 2, 5000);
            }
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) mqtt.keepAlive().toSeconds());
        options.setConnectionTimeout(10);
        // Outgoing QoS 1 messages (decisions, alerts) in flight at once; publishing waits when the window is full.
        options.setMaxInflight(1000);
        if (!mqtt.username().isBlank()) {
            options.setUserName(mqtt.username());
            options.setPassword(mqtt.password().toCharArray());
        }
        return options;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connected = true;
        lastError = null;
        String[] filters = mappers.stream().map(m -> m.subscription().filter()).toArray(String[]::new);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, QOS);
        try {
            client.subscribe(filters, qos);
            log.info("MQTT connected to {}, subscribed to {} (connection {})", serverUri, List.of(filters),
                    session.get());
        } catch (MqttException e) {
            lastError = "subscribe failed: " + e;
            log.error("MQTT subscribe to {} failed", List.of(filters), e);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        connected = false;
        // Every message not acknowledged yet comes again on the next connection: copies still queued are dropped.
        session.incrementAndGet();
        lastError = "connection lost: " + cause;
        log.warn("MQTT connection to {} lost ({}); reconnecting", mqtt.broker(), cause == null ? "-" : cause.toString());
        if (running) {
            try {
                connector.execute(this::connectUntilConnected);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: nothing to reconnect
            }
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Instant arrived = Instant.now();
        PayloadMapper mapper = mapperOf(topic);
        Mapped mapped = mapper == null ? new Mapped.Refused(null, "no subscription of this connector matches the topic")
                : mapper.map(topic, message.getPayload(), arrived);
        meters.counter("edge_connector_messages_received_total", "protocol", "mqtt").increment();
        lanes.submit(new Inbound(this, session.get(), message.getId(), message.getQos(), topic, message.getPayload(),
                arrived, mapped));
    }

    private PayloadMapper mapperOf(String topic) {
        for (PayloadMapper mapper : mappers) {
            if (MqttTopic.isMatched(mapper.subscription().filter(), topic)) {
                return mapper;
            }
        }
        return null;
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Outgoing messages need nothing more once the broker has them.
    }

    @Override
    public String protocol() {
        return "mqtt";
    }

    @Override
    public long session() {
        return session.get();
    }

    @Override
    public boolean acknowledge(Inbound message) {
        if (message.qos() == 0) {
            return true;
        }
        try {
            client.messageArrivedComplete(message.messageId(), message.qos());
            return true;
        } catch (MqttException e) {
            log.debug("acknowledgement of message {} failed: {}", message.messageId(), e.toString());
            return false;
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        for (int attempt = 0; running; attempt++) {
            try {
                client.publish(topic, payload, QOS, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt > 3000) {
                    meters.counter("edge_connector_publish_failures_total").increment();
                    log.warn("could not publish to {}: {}", topic, e.toString());
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** For health: whether the broker connection is up, and why not. */
    public MqttState state() {
        return new MqttState(mqtt.enabled(), mqtt.broker(), mqtt.clientId(), connected, lastError,
                mappers.stream().map(m -> m.subscription().filter()).toList(), lanes.pending());
    }

    /** The connection as health and the status endpoint show it. */
    public record MqttState(boolean enabled, String broker, String clientId, boolean connected, String lastError,
                            List<String> subscriptions, int pendingMessages) {
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        connector.shutdownNow();
        lanes.stop();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT disconnect: {}", e.toString());
        }
        connected = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the web server: no new messages are taken while the service shuts down.
        return Integer.MAX_VALUE - 100;
    }

    /** Waits for the first connection (tests and the bench). */
    public boolean awaitConnected(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!connected && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return connected;
    }
}

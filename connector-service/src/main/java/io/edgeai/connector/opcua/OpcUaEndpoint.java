package io.edgeai.connector.opcua;

import io.edgeai.connector.config.OpcUaProperties;
import io.edgeai.connector.delivery.DeliveryLanes;
import io.edgeai.connector.delivery.Inbound;
import io.edgeai.connector.delivery.Source;
import io.edgeai.connector.mapping.Mapped;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.api.UaSession;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscriptionManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA server: a Milo client (security policy None; anonymous or user name), one subscription with a
 * monitored item per mapped node, and the readings their values make ({@link ReadingAssembler}) handed to the
 * delivery lanes. Connects in the background with growing pauses; once connected Milo keeps the session alive and
 * reconnects by itself; a subscription the server no longer has (it restarted) is created again.
 */
final class OpcUaEndpoint implements Source {

    private static final Logger log = LoggerFactory.getLogger(OpcUaEndpoint.class);

    private final OpcUaProperties.Endpoint config;
    private final NodeMap nodes;
    private final ReadingAssembler assembler;
    private final DeliveryLanes lanes;
    private final MeterRegistry meters;
    private final int maxPending;
    private final Map<String, String> nodeProblems = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile String lastError = "not connected yet";
    private volatile OpcUaClient client;
    private volatile UaSubscription subscription;
    private volatile int monitored;

    OpcUaEndpoint(OpcUaProperties.Endpoint config, NodeMap nodes, DeliveryLanes lanes, MeterRegistry meters,
                  int maxPending) {
        this.config = config;
        this.nodes = nodes;
        this.assembler = new ReadingAssembler(nodes.devices(),
                config.triggerMode() == OpcUaProperties.Trigger.PERIODIC);
        this.lanes = lanes;
        this.meters = meters;
        this.maxPending = maxPending;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-" + config.url());
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("edge_connector_opcua_connected", this, e -> e.connected ? 1 : 0)
                .tag("endpoint", config.url()).register(meters);
    }

    void start() {
        running = true;
        worker.execute(() -> connect(500));
        // A safety net besides Milo's callbacks: a subscription the server lost is created again.
        worker.scheduleWithFixedDelay(this::ensureSubscribed, 5, 5, TimeUnit.SECONDS);
        if (config.triggerMode() == OpcUaProperties.Trigger.PERIODIC) {
            long period = config.period().toMillis();
            worker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void connect(long pause) {
        if (!running) {
            return;
        }
        OpcUaClient candidate = null;
        try {
            candidate = MiloClients.create(config);
            candidate.addSessionActivityListener(new Activity());
            candidate.getSubscriptionManager().addSubscriptionListener(new Subscriptions());
            candidate.connect().get(15, TimeUnit.SECONDS);
            client = candidate;
            connected = true;
            lastError = null;
            subscribe();
            log.info("OPC UA connected to {}: {} node(s) of {} device(s), {} monitored", config.url(),
                    nodes.bindings().size(), nodes.devices().size(), monitored);
        } catch (Exception e) {
            connected = false;
            client = null;
            lastError = "cannot connect: " + MiloClients.rootMessage(e);
            log.warn("OPC UA server {} not reachable ({}); trying again in {} ms", config.url(), lastError, pause);
            if (candidate != null) {
                candidate.disconnect();
            }
            if (running) {
                worker.schedule(() -> connect(Math.min(pause * 2, config.reconnectMax().toMillis())), pause,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** One subscription, a monitored item per node; a node the server does not know is reported, not fatal. */
    private void subscribe() throws Exception {
        OpcUaClient current = client;
        MiloClients.Subscribed created = MiloClients.subscribe(current, config, nodes.bindings().keySet(),
                this::onValue);
        int good = 0;
        for (UaMonitoredItem item : created.items()) {
            NodeMap.Binding binding = nodes.binding(item.getReadValueId().getNodeId());
            String nodeText = binding == null ? item.getReadValueId().getNodeId().toParseableString()
                    : binding.nodeText();
            if (item.getStatusCode().isGood()) {
                good++;
                nodeProblems.remove(nodeText);
            } else {
                String problem = "monitored item refused: " + MiloClients.name(item.getStatusCode());
                nodeProblems.put(nodeText, problem);
                meters.counter("edge_connector_opcua_node_problems_total", "endpoint", config.url()).increment();
                log.warn("OPC UA {}: node {} ({} of {}): {}", config.url(), nodeText,
                        binding == null ? "?" : binding.sensor(), binding == null ? "?" : binding.deviceId(), problem);
            }
        }
        monitored = good;
        subscription = created.subscription();
    }

    private void ensureSubscribed() {
        OpcUaClient current = client;
        if (!running || current == null || !connected) {
            return;
        }
        UaSubscription mine = subscription;
        if (mine != null && current.getSubscriptionManager().getSubscriptions().contains(mine)) {
            return;
        }
        try {
            subscribe();
            log.info("OPC UA {}: subscription created again ({} monitored)", config.url(), monitored);
        } catch (Exception e) {
            lastError = "cannot subscribe: " + MiloClients.rootMessage(e);
            log.warn("OPC UA {}: {}", config.url(), lastError);
        }
    }

    private void onValue(UaMonitoredItem item, DataValue value) {
        Instant arrived = Instant.now();
        meters.counter("edge_connector_messages_received_total", "protocol", protocol()).increment();
        NodeMap.Binding binding = nodes.binding(item.getReadValueId().getNodeId());
        if (binding == null) {
            return;
        }
        StatusCode status = value.getStatusCode();
        if (status != null && !status.isGood()) {
            // No value yet, or the PLC lost its own source: not a sample; the next good value counts.
            meters.counter("edge_connector_opcua_bad_values_total", "endpoint", config.url()).increment();
            nodeProblems.put(binding.nodeText(), "last value's status " + MiloClients.name(status));
            return;
        }
        Object raw = value.getValue().getValue();
        if (!(raw instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            String reason = "node " + binding.nodeText() + " (" + binding.deviceId() + "'s " + binding.sensor()
                    + ") is not a finite number: " + raw;
            nodeProblems.put(binding.nodeText(), reason);
            submit(binding.deviceId(), String.valueOf(raw), arrived, new Mapped.Refused(binding.deviceId(), reason));
            return;
        }
        nodeProblems.remove(binding.nodeText());
        ReadingAssembler.Assembled reading = assembler.value(binding.deviceId(), binding.sensor(),
                number.doubleValue(), MiloClients.timeOf(value, arrived));
        if (reading != null) {
            submit(reading, arrived);
        }
    }

    private void tick() {
        if (connected) {
            Instant now = Instant.now();
            assembler.tick(now).forEach(r -> submit(r, now));
        }
    }

    private void submit(ReadingAssembler.Assembled reading, Instant arrived) {
        submit(reading.deviceId(), reading.reading().toString(), arrived,
                new Mapped.ReadingOut(reading.deviceId(), reading.machineType(), reading.reading()));
    }

    private void submit(String deviceId, String payload, Instant arrived, Mapped mapped) {
        if (lanes.pending() >= maxPending) {
            meters.counter("edge_connector_messages_total", "outcome", "dropped_backlog", "protocol", protocol())
                    .increment();
            lastError = "more than " + maxPending + " readings wait for the gateway: new ones are dropped";
            return;
        }
        lanes.submit(new Inbound(this, 0, 0, 0, "opcua:" + config.url() + "#" + deviceId,
                payload.getBytes(StandardCharsets.UTF_8), arrived, mapped));
    }

    @Override
    public String protocol() {
        return "opcua";
    }

    @Override
    public long session() {
        // The server does not send values again: a reading taken before a reconnect is still delivered.
        return 0;
    }

    @Override
    public boolean acknowledge(Inbound message) {
        return true;
    }

    OpcUaState state() {
        return new OpcUaState(config.url(), connected, lastError, config.trigger(), nodes.devices().size(),
                nodes.bindings().size(), monitored, Map.copyOf(nodeProblems));
    }

    void stop() {
        running = false;
        worker.shutdownNow();
        OpcUaClient current = client;
        if (current != null) {
            try {
                current.disconnect().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("OPC UA disconnect from {}: {}", config.url(), e.toString());
            }
        }
        connected = false;
    }

    private final class Activity implements SessionActivityListener {
        @Override
        public void onSessionActive(UaSession session) {
            connected = true;
            lastError = null;
            // Milo transfers the subscription to the new session when the server still has it; else create it.
            worker.schedule(OpcUaEndpoint.this::ensureSubscribed, 1, TimeUnit.SECONDS);
        }

        @Override
        public void onSessionInactive(UaSession session) {
            connected = false;
            lastError = "session lost; Milo reconnects";
            log.warn("OPC UA session with {} lost; reconnecting", config.url());
        }
    }

    private final class Subscriptions implements UaSubscriptionManager.SubscriptionListener {
        @Override
        public void onSubscriptionTransferFailed(UaSubscription lost, StatusCode status) {
            log.info("OPC UA {}: subscription not transferred ({}); creating it again", config.url(),
                    MiloClients.name(status));
            if (lost == subscription) {
                subscription = null;
            }
            worker.execute(OpcUaEndpoint.this::ensureSubscribed);
        }
    }
}

package io.edgeai.connector.opcua;

import io.edgeai.connector.config.MqttProperties;
import io.edgeai.connector.config.OpcUaProperties;
import io.edgeai.connector.delivery.Broker;
import io.edgeai.connector.delivery.DeliveryLanes;
import io.edgeai.connector.mqtt.MqttConnector;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The OPC UA side: one {@link OpcUaEndpoint} per configured server. Its readings take the same delivery lanes as
 * MQTT's (order per device, retries, refusals as dead letters) and the gateway's answers are published to the MQTT
 * topics when MQTT is on. Started after the MQTT side (the lanes publish through it) and stopped before it.
 */
@Component
public class OpcUaConnector implements SmartLifecycle {

    private final OpcUaProperties properties;
    private final boolean mqttEnabled;
    private final MqttConnector mqtt;
    private final DeliveryLanes lanes;
    private final List<OpcUaEndpoint> endpoints = new ArrayList<>();
    private volatile boolean running;

    public OpcUaConnector(OpcUaProperties properties, MqttProperties mqttProperties, MqttConnector mqtt,
                          DeliveryLanes lanes, MeterRegistry meters) {
        this.properties = properties;
        this.mqttEnabled = mqttProperties.enabled();
        this.mqtt = mqtt;
        this.lanes = lanes;
        if (properties.enabled()) {
            // Every mapping is checked here: a setting that cannot work stops the service at start.
            for (int i = 0; i < properties.endpoints().size(); i++) {
                OpcUaProperties.Endpoint endpoint = properties.endpoints().get(i);
                endpoints.add(new OpcUaEndpoint(endpoint, NodeMap.of(endpoint, i), lanes, meters,
                        properties.maxPending()));
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running || endpoints.isEmpty()) {
            return;
        }
        running = true;
        lanes.start(mqttEnabled ? mqtt : Broker.NONE);
        endpoints.forEach(OpcUaEndpoint::start);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        endpoints.forEach(OpcUaEndpoint::stop);
        if (!mqttEnabled) {
            lanes.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After MqttConnector (its phase is one lower): started after it, stopped before it.
        return Integer.MAX_VALUE - 99;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** Each endpoint's connection, monitored items and node problems. */
    public List<OpcUaState> state() {
        return endpoints.stream().map(OpcUaEndpoint::state).toList();
    }
}

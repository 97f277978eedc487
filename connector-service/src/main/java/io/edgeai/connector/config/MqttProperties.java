package io.edgeai.connector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code edge.connector.mqtt}: the broker, the subscriptions and how their payloads become readings, and the
 * topics the gateway's answers are published to.
 *
 * @param enabled       false: no MQTT client at all
 * @param broker        {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId      stable, so the broker keeps the session (subscriptions and unacknowledged messages)
 * @param keepAlive     MQTT keep-alive interval
 * @param subscriptions topic filters and their payload mappings
 * @param topics        where decisions, status, alerts and dead letters are published
 */
@ConfigurationProperties("edge.connector.mqtt")
public record MqttProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("tcp://localhost:1883") String broker,
                             @DefaultValue("edge-connector") String clientId, @DefaultValue("") String username,
                             @DefaultValue("") String password, @DefaultValue("30s") Duration keepAlive,
                             List<Subscription> subscriptions, Topics topics) {

    public MqttProperties {
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            throw new IllegalArgumentException("edge.connector.mqtt.client-id must be 1..128 characters");
        }
        if (subscriptions == null || subscriptions.isEmpty()) {
            subscriptions = List.of(Subscription.factoryTelemetry());
        }
        if (topics == null) {
            topics = new Topics(null, null, null, null);
        }
    }

    /**
     * One topic filter and how its messages become readings. Every {@code *Source} is a comma-separated list of
     * places tried in order, the first present one wins: {@code /json/pointer} (a field of the payload),
     * {@code topic[i]} (level i of the topic, 0-based) or {@code 'constant'}.
     *
     * @param filter            MQTT topic filter, e.g. {@code factory/+/+/telemetry}
     * @param payload           {@code json} (one reading per message), {@code number} (one sensor value per
     *                          message, gathered per device into readings of the {@code frame} sensors) or
     *                          {@code sparkplug} (Sparkplug B: {@code sensors} paths are metric names)
     * @param deviceId          where the device id is
     * @param machineType       where the machine type is (may be absent for models without one)
     * @param timestamp         where the reading's time is (ISO-8601 or epoch milliseconds); absent: arrival time
     * @param sensors           json payloads: sensor name to its place and unit; empty: the payload's
     *                          {@code sensors} object in the gateway's format ({@code {"torque": {"value": 40,
     *                          "unit": "Nm"}}} or {@code {"torque": 40}})
     * @param sensor            number payloads: where the sensor's name is (e.g. {@code topic[3]})
     * @param units             number payloads: unit per sensor name (absent: the model's unit)
     * @param frame             number payloads: the sensors one reading consists of
     */
    public record Subscription(String filter, String payload, String deviceId, String machineType, String timestamp,
                               Map<String, SensorMapping> sensors, String sensor, Map<String, String> units,
                               List<String> frame) {

        public Subscription {
            if (filter == null || filter.isBlank()) {
                throw new IllegalArgumentException("edge.connector.mqtt.subscriptions[].filter is required");
            }
            payload = payload == null || payload.isBlank() ? "json" : payload.trim();
            if (!payload.equals("json") && !payload.equals("number") && !payload.equals("sparkplug")) {
                throw new IllegalArgumentException("edge.connector.mqtt.subscriptions[].payload must be json, "
                        + "number or sparkplug, got " + payload);
            }
            boolean sparkplug = payload.equals("sparkplug");
            // Sparkplug: spBv1.0/<group>/<type>/<edge node>[/<device>]; the device, else the edge node.
            deviceId = deviceId == null ? (sparkplug ? "topic[4],topic[3]" : "/deviceId,topic[2]") : deviceId;
            machineType = machineType == null ? (sparkplug ? "" : "/machineType,topic[1]") : machineType;
            timestamp = timestamp == null ? "/timestamp" : timestamp;
            sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
            units = units == null ? Map.of() : Map.copyOf(units);
            frame = frame == null ? List.of() : List.copyOf(frame);
            if (payload.equals("number") && (sensor == null || sensor.isBlank() || frame.isEmpty())) {
                throw new IllegalArgumentException("edge.connector.mqtt.subscriptions[] with payload number needs "
                        + "sensor (e.g. topic[3]) and frame (the sensors of one reading)");
            }
        }

        /** The default: {@code factory/<machineType>/<deviceId>/telemetry} carrying readings in the gateway's format. */
        static Subscription factoryTelemetry() {
            return new Subscription("factory/+/+/telemetry", "json", null, null, null, null, null, null, null);
        }
    }

    /** A sensor of a json payload: the JSON pointer of its value and its unit (absent: the model's unit). */
    public record SensorMapping(String path, String unit) {
    }

    /**
     * Topics the gateway's answers go to; {@code {deviceId}} and {@code {machineType}} are replaced; an empty topic
     * publishes nothing.
     *
     * @param decisions  the pipeline's answer to each batch (QoS 1)
     * @param status     each device's latest status, retained (a new subscriber sees it at once)
     * @param alerts     each alert event raised or cleared (QoS 1)
     * @param deadLetter messages that could not become readings, with the reason (QoS 1)
     */
    public record Topics(String decisions, String status, String alerts, String deadLetter) {

        public Topics {
            decisions = decisions == null ? "edge/decisions/{deviceId}" : decisions;
            status = status == null ? "edge/status/{deviceId}" : status;
            alerts = alerts == null ? "edge/alerts/{deviceId}" : alerts;
            deadLetter = deadLetter == null ? "edge/dead-letter" : deadLetter;
        }
    }
}

package io.edgeai.connector.mapping;

import io.edgeai.connector.config.MqttProperties.SensorMapping;
import io.edgeai.connector.config.MqttProperties.Subscription;
import io.edgeai.contracts.DeviceIds;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the messages of one subscription into readings as its mapping says. Never throws on bad input: a message
 * that cannot become a reading is {@link Mapped.Refused} with a reason naming what is wrong.
 */
public final class PayloadMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Subscription subscription;
    private final JsonMapper json;
    private final ValueSource deviceId;
    private final ValueSource machineType;
    private final ValueSource timestamp;
    private final ValueSource sensorName;
    private final Map<String, SensorMapping> sensors;
    private final SparkplugMapper sparkplug;

    public PayloadMapper(Subscription subscription, JsonMapper json) {
        this.subscription = subscription;
        this.json = json;
        String at = "edge.connector.mqtt.subscriptions[" + subscription.filter() + "].";
        this.deviceId = ValueSource.parse(at + "device-id", subscription.deviceId());
        this.machineType = ValueSource.parse(at + "machine-type", subscription.machineType());
        this.timestamp = ValueSource.parse(at + "timestamp", subscription.timestamp());
        this.sensorName = ValueSource.parse(at + "sensor", subscription.sensor());
        this.sensors = new LinkedHashMap<>(subscription.sensors());
        this.sparkplug = subscription.payload().equals("sparkplug")
                ? new SparkplugMapper(subscription, deviceId, machineType) : null;
        for (Map.Entry<String, SensorMapping> sensor : sensors.entrySet()) {
            String path = sensor.getValue() == null ? null : sensor.getValue().path();
            // Sparkplug's paths are metric names (SparkplugMapper checks them); JSON's are pointers.
            if (sparkplug == null && (path == null || !path.startsWith("/"))) {
                throw new IllegalArgumentException(at + "sensors." + sensor.getKey() + ".path must be a JSON pointer "
                        + "such as /air_temp, got " + path);
            }
        }
    }

    public Subscription subscription() {
        return subscription;
    }

    /** Maps one message that arrived at {@code arrived}. */
    public Mapped map(String topic, byte[] payload, Instant arrived) {
        String[] levels = topic.split("/", -1);
        if (sparkplug != null) {
            return sparkplug.map(levels, payload, arrived);
        }
        if (subscription.payload().equals("number")) {
            return number(levels, payload, arrived);
        }
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (JacksonException e) {
            return new Mapped.Refused(deviceOf(levels, null), "payload is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            return new Mapped.Refused(deviceOf(levels, null), "payload must be a JSON object");
        }
        String device = deviceOf(levels, body);
        String deviceProblem = DeviceIds.problem(device);
        if (deviceProblem != null) {
            return new Mapped.Refused(device, "device id '" + (device == null ? "" : device) + "' (from "
                    + deviceId + ") " + deviceProblem);
        }
        Instant time;
        try {
            time = time(timestamp.node(levels, body), arrived);
        } catch (DateTimeException | ArithmeticException e) {
            return new Mapped.Refused(device, "timestamp (from " + timestamp + ") is neither ISO-8601 nor epoch "
                    + "milliseconds: " + timestamp.text(levels, body));
        }
        ObjectNode sensorsOut = NODES.objectNode();
        if (sensors.isEmpty()) {
            JsonNode given = body.get("sensors");
            if (given == null || !given.isObject() || given.isEmpty()) {
                return new Mapped.Refused(device, "no sensors: the payload needs a 'sensors' object, or the "
                        + "subscription a sensors mapping");
            }
            for (Map.Entry<String, JsonNode> sensor : given.properties()) {
                JsonNode value = sensor.getValue();
                if (value.isNumber()) {
                    sensorsOut.set(sensor.getKey(), NODES.objectNode().put("value", value.doubleValue()));
                } else if (value.isObject() && value.path("value").isNumber()) {
                    ObjectNode measurement = NODES.objectNode().put("value", value.get("value").doubleValue());
                    if (value.path("unit").isString()) {
                        measurement.put("unit", value.get("unit").asString());
                    }
                    sensorsOut.set(sensor.getKey(), measurement);
                } else {
                    return new Mapped.Refused(device, "sensors." + sensor.getKey() + " must be a number or "
                            + "{\"value\": number, \"unit\": text}");
                }
            }
        } else {
            for (Map.Entry<String, SensorMapping> sensor : sensors.entrySet()) {
                JsonNode value = body.at(sensor.getValue().path());
                if (value.isMissingNode() || value.isNull()) {
                    continue;
                }
                if (!value.isNumber()) {
                    return new Mapped.Refused(device, "sensor " + sensor.getKey() + " at " + sensor.getValue().path()
                            + " must be a number, was " + value);
                }
                ObjectNode measurement = NODES.objectNode().put("value", value.doubleValue());
                if (sensor.getValue().unit() != null && !sensor.getValue().unit().isBlank()) {
                    measurement.put("unit", sensor.getValue().unit());
                }
                sensorsOut.set(sensor.getKey(), measurement);
            }
            if (sensorsOut.isEmpty()) {
                return new Mapped.Refused(device, "none of the mapped sensors " + sensors.keySet() + " is in the "
                        + "payload");
            }
        }
        String type = machineType.text(levels, body);
        return new Mapped.ReadingOut(device, type, reading(time, type, sensorsOut));
    }

    private Mapped number(String[] levels, byte[] payload, Instant arrived) {
        String device = deviceOf(levels, null);
        String deviceProblem = DeviceIds.problem(device);
        if (deviceProblem != null) {
            return new Mapped.Refused(device, "device id '" + (device == null ? "" : device) + "' (from " + deviceId
                    + ") " + deviceProblem);
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return new Mapped.Refused(device, "payload must be a plain number, was '" + abbreviate(text) + "'");
        }
        if (!Double.isFinite(value)) {
            return new Mapped.Refused(device, "payload must be a finite number, was " + text);
        }
        String sensor = sensorName.text(levels, null);
        if (sensor == null || !subscription.frame().contains(sensor)) {
            return new Mapped.Refused(device, "sensor '" + sensor + "' (from " + sensorName + ") is not one of "
                    + subscription.frame());
        }
        return new Mapped.SensorValue(device, machineType.text(levels, null), sensor, value,
                subscription.units().get(sensor), arrived.truncatedTo(ChronoUnit.MILLIS), subscription.frame());
    }

    /** A reading in the gateway's format. */
    public static ObjectNode reading(Instant time, String machineType, ObjectNode sensors) {
        ObjectNode reading = NODES.objectNode().put("timestamp", time.toString());
        if (machineType != null && !machineType.isBlank()) {
            reading.put("machineType", machineType);
        }
        reading.set("sensors", sensors);
        return reading;
    }

    private String deviceOf(String[] levels, JsonNode body) {
        return deviceId.text(levels, body);
    }

    private static Instant time(JsonNode node, Instant arrived) {
        if (node == null) {
            return arrived.truncatedTo(ChronoUnit.MILLIS);
        }
        if (node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        String text = node.asString().trim();
        if (text.matches("\\d{10,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

package io.edgeai.connector.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import io.edgeai.connector.config.MqttProperties.SensorMapping;
import io.edgeai.connector.config.MqttProperties.Subscription;
import io.edgeai.connector.sparkplug.SparkplugB;
import io.edgeai.contracts.DeviceIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sparkplug B (spBv1.0/group/type/edgeNode[/device], protobuf payloads) into readings. A birth (NBIRTH, DBIRTH)
 * carries every metric with its name, alias and value; data messages (NDATA, DDATA) only what changed, often by
 * alias alone. So each edge node and device has its state here: the aliases of its last birth and the latest value
 * of each sensor; every birth or data message that leaves all sensors of the reading known makes one, with the
 * payload's time. A birth of the edge node starts it and its devices afresh, a death forgets them. Data before any
 * birth, or an alias the birth did not name, is refused (dead letter). Commands and STATE are acknowledged and
 * skipped. Used by the MQTT callback thread only (Paho delivers one message at a time).
 */
final class SparkplugMapper {

    private record Sensor(String name, String unit) {
    }

    private static final class Thing {
        final Map<Long, String> aliases = new HashMap<>();
        final Map<String, Double> values = new LinkedHashMap<>();
    }

    private final Map<String, Thing> things = new HashMap<>();
    private final ValueSource deviceId;
    private final ValueSource machineType;
    /** Metric name to sensor; empty: every numeric metric is a sensor of its own name. */
    private final Map<String, Sensor> metrics = new HashMap<>();
    private final List<String> frame;
    private final Map<String, String> units;

    SparkplugMapper(Subscription subscription, ValueSource deviceId, ValueSource machineType) {
        this.deviceId = deviceId;
        this.machineType = machineType;
        for (Map.Entry<String, SensorMapping> sensor : subscription.sensors().entrySet()) {
            String metric = sensor.getValue() == null ? null : sensor.getValue().path();
            if (metric == null || metric.isBlank()) {
                throw new IllegalArgumentException("edge.connector.mqtt.subscriptions[" + subscription.filter()
                        + "].sensors." + sensor.getKey() + ".path must be a Sparkplug metric name");
            }
            metrics.put(metric, new Sensor(sensor.getKey(), sensor.getValue().unit()));
        }
        this.frame = !subscription.frame().isEmpty() ? subscription.frame()
                : metrics.values().stream().map(Sensor::name).toList();
        this.units = subscription.units();
    }

    Mapped map(String[] levels, byte[] payload, Instant arrived) {
        if (levels.length < 4 || levels.length > 5 || !levels[0].equals("spBv1.0")) {
            return new Mapped.Refused(null, "not a Sparkplug B topic: spBv1.0/<group>/<type>/<edge node>[/<device>]");
        }
        String type = levels[2];
        String device = deviceId.text(levels, null);
        String node = levels[1] + "/" + levels[3] + "/";
        String key = node + (levels.length == 5 ? levels[4] : "");
        switch (type) {
            case "NBIRTH", "DBIRTH", "NDATA", "DDATA" -> {
                // handled below
            }
            case "NDEATH" -> {
                things.keySet().removeIf(k -> k.startsWith(node));
                return new Mapped.Ignored(device, "edge node death");
            }
            case "DDEATH" -> {
                things.remove(key);
                return new Mapped.Ignored(device, "device death");
            }
            case "NCMD", "DCMD", "STATE" -> {
                return new Mapped.Ignored(device, "Sparkplug " + type + " carries no readings");
            }
            default -> {
                return new Mapped.Refused(device, "unknown Sparkplug message type " + type);
            }
        }
        String problem = DeviceIds.problem(device);
        if (problem != null) {
            return new Mapped.Refused(device, "device id '" + (device == null ? "" : device) + "' (from " + deviceId
                    + ") " + problem);
        }
        SparkplugB.Payload message;
        try {
            message = SparkplugB.Payload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return new Mapped.Refused(device, "not a Sparkplug B payload: " + e.getMessage());
        }
        boolean birth = type.endsWith("BIRTH");
        if (type.equals("NBIRTH")) {
            things.keySet().removeIf(k -> k.startsWith(node));
        }
        Thing thing = birth ? new Thing() : things.get(key);
        if (thing == null) {
            return new Mapped.Refused(device, "Sparkplug " + type + " of " + key + " before its birth: its metrics "
                    + "are unknown until the edge node is born again (rebirth)");
        }
        if (birth) {
            things.put(key, thing);
        }
        for (SparkplugB.Payload.Metric metric : message.getMetricsList()) {
            if (metric.hasName() && metric.hasAlias()) {
                thing.aliases.put(metric.getAlias(), metric.getName());
            }
            String name = metric.hasName() ? metric.getName() : thing.aliases.get(metric.getAlias());
            if (name == null) {
                return new Mapped.Refused(device, "metric alias " + metric.getAlias() + " is not in the birth of "
                        + key);
            }
            Sensor sensor = metrics.isEmpty() ? new Sensor(name, null) : metrics.get(name);
            if (sensor == null || metric.getIsHistorical()) {
                continue;
            }
            Double value = number(metric);
            if (value == null && !metrics.isEmpty() && !metric.getIsNull()) {
                return new Mapped.Refused(device, "metric " + name + " (sensor " + sensor.name() + ") is not a "
                        + "number: " + metric.getValueCase());
            }
            if (value == null) {
                thing.values.remove(sensor.name());
            } else {
                thing.values.put(sensor.name(), value);
            }
        }
        List<String> needed = frame.isEmpty() ? new ArrayList<>(thing.values.keySet()) : frame;
        List<String> missing = needed.stream().filter(s -> !thing.values.containsKey(s)).toList();
        if (needed.isEmpty() || !missing.isEmpty()) {
            return new Mapped.Ignored(device, "no reading yet: " + (needed.isEmpty() ? "no numeric metrics"
                    : "no value of " + missing));
        }
        ObjectNode sensors = JsonNodeFactory.instance.objectNode();
        for (String name : needed) {
            ObjectNode measurement = sensors.putObject(name).put("value", thing.values.get(name));
            String unit = metrics.values().stream().filter(s -> s.name().equals(name)).map(Sensor::unit)
                    .filter(u -> u != null && !u.isBlank()).findFirst().orElse(units.get(name));
            if (unit != null && !unit.isBlank()) {
                measurement.put("unit", unit);
            }
        }
        Instant time = message.hasTimestamp() ? Instant.ofEpochMilli(message.getTimestamp())
                : arrived.truncatedTo(ChronoUnit.MILLIS);
        String machine = machineType.text(levels, null);
        return new Mapped.ReadingOut(device, machine, PayloadMapper.reading(time, machine, sensors));
    }

    /** A metric's value as a number, the Sparkplug data type saying how to read its integer; null when none. */
    private static Double number(SparkplugB.Payload.Metric metric) {
        if (metric.getIsNull()) {
            return null;
        }
        int type = metric.getDatatype();
        return switch (metric.getValueCase()) {
            case INT_VALUE -> type >= 5 && type <= 7 ? (double) Integer.toUnsignedLong(metric.getIntValue())
                    : (double) metric.getIntValue();
            case LONG_VALUE -> type == 8 ? Double.parseDouble(Long.toUnsignedString(metric.getLongValue()))
                    : (double) metric.getLongValue();
            case FLOAT_VALUE -> Double.isFinite(metric.getFloatValue()) ? (double) metric.getFloatValue() : null;
            case DOUBLE_VALUE -> Double.isFinite(metric.getDoubleValue()) ? metric.getDoubleValue() : null;
            default -> null;
        };
    }
}

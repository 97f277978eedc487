package io.edgeai.connector.delivery;

import io.edgeai.connector.mapping.Mapped;
import io.edgeai.connector.mapping.PayloadMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gathers plain numeric messages (one sensor each) into readings: per device, the latest value of each sensor of the
 * frame; once every sensor has one, that is a reading (time: the latest of its messages) and the device starts a
 * new frame. A sensor sent again before the frame is complete replaces its value; both messages are acknowledged
 * with the reading. Used by one lane thread only.
 */
final class FrameAssembler {

    private record Value(double value, String unit) {
    }

    private static final class Frame {
        final Map<String, Value> values = new LinkedHashMap<>();
        final List<Inbound> messages = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        String machineType;
    }

    private final Map<String, Frame> frames = new HashMap<>();

    /** Adds a sensor value; the finished reading when it completed the device's frame, else null. */
    Work add(Inbound message, Mapped.SensorValue value) {
        Frame frame = frames.computeIfAbsent(value.deviceId(), d -> new Frame());
        frame.values.put(value.sensor(), new Value(value.value(), value.unit()));
        frame.messages.add(message);
        if (value.timestamp().isAfter(frame.latest)) {
            frame.latest = value.timestamp();
        }
        if (value.machineType() != null) {
            frame.machineType = value.machineType();
        }
        if (!frame.values.keySet().containsAll(value.frame())) {
            return null;
        }
        frames.remove(value.deviceId());
        ObjectNode sensors = JsonNodeFactory.instance.objectNode();
        for (String sensor : value.frame()) {
            Value v = frame.values.get(sensor);
            ObjectNode measurement = sensors.putObject(sensor).put("value", v.value());
            if (v.unit() != null && !v.unit().isBlank()) {
                measurement.put("unit", v.unit());
            }
        }
        return new Work(value.deviceId(), frame.machineType,
                PayloadMapper.reading(frame.latest, frame.machineType, sensors), List.copyOf(frame.messages));
    }

    /** The connection was lost: the broker sends every unacknowledged message again, so half frames start over. */
    int forget() {
        int forgotten = 0;
        for (var it = frames.values().iterator(); it.hasNext(); ) {
            Frame frame = it.next();
            if (frame.messages.stream().anyMatch(Inbound::stale)) {
                forgotten += frame.messages.size();
                it.remove();
            }
        }
        return forgotten;
    }
}

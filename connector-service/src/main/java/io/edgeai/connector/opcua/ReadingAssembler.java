package io.edgeai.connector.opcua;

import io.edgeai.connector.mapping.PayloadMapper;
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
 * Makes readings of the sensor values an endpoint's monitored items report, per device.
 * <ul>
 *   <li>all-updated (the default): once every sensor of a device has a value whose source time is newer than the
 *   device's last reading, those values are a reading, timed by the newest of them. A PLC that writes a cycle's
 *   variables gives one reading per cycle; values sent again after a reconnect (same source time) make none.</li>
 *   <li>periodic: {@link #tick} makes a reading of each device's latest values, changed or not, timed by the tick
 *   (what EdgeX's auto events and a PLC integrator's sampling period do).</li>
 * </ul>
 * Thread-safe: values come from the client's threads, ticks from the endpoint's.
 */
final class ReadingAssembler {

    /** A reading ready for the gateway. */
    record Assembled(String deviceId, String machineType, Instant time, ObjectNode reading) {
    }

    private record Value(double value, Instant time) {
    }

    private static final class DeviceState {
        final NodeMap.DeviceSensors device;
        final Map<String, Value> latest = new HashMap<>();
        Instant lastReading = Instant.EPOCH;

        DeviceState(NodeMap.DeviceSensors device) {
            this.device = device;
        }
    }

    private final Map<String, DeviceState> devices = new LinkedHashMap<>();
    private final boolean periodic;

    ReadingAssembler(List<NodeMap.DeviceSensors> devices, boolean periodic) {
        devices.forEach(d -> this.devices.put(d.deviceId(), new DeviceState(d)));
        this.periodic = periodic;
    }

    /** A sensor's new value; the reading it completes (all-updated), else null. */
    synchronized Assembled value(String deviceId, String sensor, double value, Instant time) {
        DeviceState state = devices.get(deviceId);
        if (state == null) {
            return null;
        }
        Value earlier = state.latest.get(sensor);
        if (earlier != null && time.isBefore(earlier.time())) {
            return null;
        }
        state.latest.put(sensor, new Value(value, time));
        if (periodic) {
            return null;
        }
        Instant newest = Instant.EPOCH;
        for (String name : state.device.sensors()) {
            Value v = state.latest.get(name);
            if (v == null || !v.time().isAfter(state.lastReading)) {
                return null;
            }
            newest = v.time().isAfter(newest) ? v.time() : newest;
        }
        state.lastReading = newest;
        return assemble(state, newest);
    }

    /** periodic: a reading of every device whose sensors all have a value, timed {@code now}. */
    synchronized List<Assembled> tick(Instant now) {
        List<Assembled> out = new ArrayList<>();
        Instant time = now.truncatedTo(ChronoUnit.MILLIS);
        for (DeviceState state : devices.values()) {
            if (state.latest.keySet().containsAll(state.device.sensors()) && time.isAfter(state.lastReading)) {
                state.lastReading = time;
                out.add(assemble(state, time));
            }
        }
        return out;
    }

    private Assembled assemble(DeviceState state, Instant time) {
        ObjectNode sensors = JsonNodeFactory.instance.objectNode();
        for (String name : state.device.sensors()) {
            ObjectNode measurement = sensors.putObject(name).put("value", state.latest.get(name).value());
            String unit = state.device.units().get(name);
            if (unit != null && !unit.isBlank()) {
                measurement.put("unit", unit);
            }
        }
        String type = state.device.machineType();
        return new Assembled(state.device.deviceId(), type.isEmpty() ? null : type, time,
                PayloadMapper.reading(time, type, sensors));
    }
}

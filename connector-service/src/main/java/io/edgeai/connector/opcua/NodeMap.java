package io.edgeai.connector.opcua;

import io.edgeai.connector.config.OpcUaProperties;
import io.edgeai.contracts.DeviceIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * An endpoint's nodes and what each one is: a sensor of a device. Built at start from the configuration; a setting
 * that cannot work (a malformed node id, a device id the gateway would refuse, a sensor with neither a node nor a
 * template, a node mapped twice) stops the service with a message naming the setting. A node id that is well formed
 * but unknown to the server is found only once connected: it is reported in the status, not a failure.
 */
final class NodeMap {

    /** A node's meaning. */
    record Binding(String deviceId, String machineType, String sensor, String unit, String nodeText) {
    }

    /** A device and the sensors a reading of it needs, in order. */
    record DeviceSensors(String deviceId, String machineType, List<String> sensors, Map<String, String> units) {
    }

    private final Map<NodeId, Binding> bindings;
    private final List<DeviceSensors> devices;

    private NodeMap(Map<NodeId, Binding> bindings, List<DeviceSensors> devices) {
        this.bindings = bindings;
        this.devices = devices;
    }

    static NodeMap of(OpcUaProperties.Endpoint endpoint, int index) {
        String setting = "edge.connector.opcua.endpoints[" + index + "]";
        Map<String, String> units = new LinkedHashMap<>();
        for (String sensor : endpoint.sensors()) {
            String[] parts = sensor.trim().split(":", 2);
            if (parts[0].isBlank()) {
                throw new IllegalArgumentException(setting + ".sensors: an empty sensor name in " + endpoint.sensors());
            }
            units.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
        }
        List<OpcUaProperties.Device> all = new ArrayList<>(endpoint.devices());
        for (String entry : endpoint.deviceList()) {
            String[] parts = entry.split(":", 2);
            all.add(new OpcUaProperties.Device(parts[0].trim(), parts.length > 1 ? parts[1] : "", null));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(setting + ": no devices (device-list or devices)");
        }
        Map<NodeId, Binding> bindings = new LinkedHashMap<>();
        List<DeviceSensors> devices = new ArrayList<>();
        for (int d = 0; d < all.size(); d++) {
            OpcUaProperties.Device device = all.get(d);
            String where = setting + ".devices[" + d + "]";
            String problem = DeviceIds.problem(device.deviceId());
            if (problem != null) {
                throw new IllegalArgumentException(where + ".device-id '" + device.deviceId() + "' " + problem);
            }
            if (devices.stream().anyMatch(known -> known.deviceId().equals(device.deviceId()))) {
                throw new IllegalArgumentException(where + ".device-id '" + device.deviceId() + "' is listed twice");
            }
            for (String sensor : device.nodes().keySet()) {
                if (!units.containsKey(sensor)) {
                    throw new IllegalArgumentException(where + ".nodes." + sensor + ": not one of the endpoint's "
                            + "sensors " + units.keySet());
                }
            }
            for (String sensor : units.keySet()) {
                String text = device.nodes().get(sensor);
                if (text == null || text.isBlank()) {
                    if (endpoint.nodeTemplate().isEmpty()) {
                        throw new IllegalArgumentException(where + ".nodes." + sensor + ": no node id, and the "
                                + "endpoint has no node-template");
                    }
                    text = endpoint.nodeTemplate().replace("{deviceId}", device.deviceId()).replace("{sensor}", sensor);
                }
                String nodeText = text.trim();
                Optional<NodeId> node = NodeId.parseSafe(nodeText);
                if (node.isEmpty()) {
                    throw new IllegalArgumentException(where + ".nodes." + sensor + ": '" + nodeText + "' is not an "
                            + "OPC UA node id (ns=<index>;s=<name>, ns=<index>;i=<number>, ...)");
                }
                Binding earlier = bindings.put(node.get(), new Binding(device.deviceId(), device.machineType(),
                        sensor, units.get(sensor), nodeText));
                if (earlier != null) {
                    throw new IllegalArgumentException(where + ".nodes." + sensor + ": node " + nodeText
                            + " is already " + earlier.deviceId() + "'s " + earlier.sensor());
                }
            }
            devices.add(new DeviceSensors(device.deviceId(), device.machineType(), List.copyOf(units.keySet()),
                    Map.copyOf(units)));
        }
        return new NodeMap(Map.copyOf(bindings), List.copyOf(devices));
    }

    Map<NodeId, Binding> bindings() {
        return bindings;
    }

    List<DeviceSensors> devices() {
        return devices;
    }

    Binding binding(NodeId node) {
        return bindings.get(node);
    }
}

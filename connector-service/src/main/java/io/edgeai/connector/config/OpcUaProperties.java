package io.edgeai.connector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code edge.connector.opcua}: OPC UA servers (PLCs, gateways) whose variables become readings. One client, one
 * session and one subscription per endpoint; each mapped node is a monitored item.
 *
 * @param enabled    false (the default): no OPC UA client at all
 * @param endpoints  the servers and their nodes
 * @param maxPending most OPC UA readings waiting for the gateway; beyond it new readings are dropped and counted
 *                   (a server keeps only current values, so there is nothing to ask again for)
 */
@ConfigurationProperties("edge.connector.opcua")
public record OpcUaProperties(@DefaultValue("false") boolean enabled, List<Endpoint> endpoints,
                              @DefaultValue("10000") int maxPending) {

    /** AI4I's sensors and units: the default of an endpoint's {@code sensors}. */
    public static final List<String> AI4I = List.of("air_temperature:K", "process_temperature:K",
            "rotational_speed:rpm", "torque:Nm", "tool_wear:min");

    public OpcUaProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        if (maxPending < 1) {
            throw new IllegalArgumentException("edge.connector.opcua.max-pending must be at least 1, got "
                    + maxPending);
        }
        if (enabled && endpoints.isEmpty()) {
            throw new IllegalArgumentException("edge.connector.opcua.enabled is true but edge.connector.opcua."
                    + "endpoints is empty");
        }
    }

    /** When a reading is made of the latest values of a device's sensors. */
    public enum Trigger {
        /** Once every sensor of the device has a value newer than the device's last reading (the default). */
        ALL_UPDATED,
        /** Every {@code period}, the latest value of each sensor, changed or not (once every sensor has one). */
        PERIODIC
    }

    /**
     * One OPC UA server.
     *
     * @param url                {@code opc.tcp://host:4840/path}
     * @param username           empty: anonymous; else a user name token (with {@code password})
     * @param publishingInterval the subscription's publishing interval (how often the server sends changes)
     * @param samplingInterval   each monitored item's sampling interval
     * @param trigger            when a reading is made ({@link Trigger})
     * @param period             {@code PERIODIC}: how often
     * @param nodeTemplate       the node id of a device's sensor when the device names none, {@code {deviceId}} and
     *                           {@code {sensor}} filled in, e.g. {@code ns=2;s={deviceId}.{sensor}}
     * @param sensors            the sensors of every device, {@code name:unit} or {@code name} (the model's unit);
     *                           default AI4I's five
     * @param deviceList         shorthand for devices that use the template: {@code deviceId:machineType,...}
     * @param devices            devices with their own node ids ({@code nodes}: sensor to node id)
     * @param reconnectMax       the longest pause between two connection attempts (starting at 500 ms, doubling)
     */
    public record Endpoint(String url, @DefaultValue("") String username, @DefaultValue("") String password,
                           @DefaultValue("500ms") Duration publishingInterval,
                           @DefaultValue("250ms") Duration samplingInterval,
                           @DefaultValue("all-updated") String trigger, @DefaultValue("1s") Duration period,
                           @DefaultValue("") String nodeTemplate, List<String> sensors, List<String> deviceList,
                           List<Device> devices, @DefaultValue("10s") Duration reconnectMax) {

        public Endpoint {
            if (url == null || !url.startsWith("opc.tcp://") || url.length() <= "opc.tcp://".length()) {
                throw new IllegalArgumentException("edge.connector.opcua.endpoints[].url must be opc.tcp://host:port"
                        + "[/path], got " + url);
            }
            trigger = trigger == null || trigger.isBlank() ? "all-updated" : trigger.trim().toLowerCase();
            if (!trigger.equals("all-updated") && !trigger.equals("periodic")) {
                throw new IllegalArgumentException("edge.connector.opcua.endpoints[].trigger must be all-updated or "
                        + "periodic, got " + trigger);
            }
            publishingInterval = positive("publishing-interval", publishingInterval, Duration.ofMillis(500));
            samplingInterval = samplingInterval == null ? Duration.ofMillis(250) : samplingInterval;
            period = positive("period", period, Duration.ofSeconds(1));
            reconnectMax = positive("reconnect-max", reconnectMax, Duration.ofSeconds(10));
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            nodeTemplate = nodeTemplate == null ? "" : nodeTemplate.trim();
            sensors = sensors == null || sensors.isEmpty() ? AI4I : List.copyOf(sensors);
            deviceList = deviceList == null ? List.of() : deviceList.stream().map(String::trim)
                    .filter(d -> !d.isEmpty()).toList();
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        public Trigger triggerMode() {
            return trigger.equals("periodic") ? Trigger.PERIODIC : Trigger.ALL_UPDATED;
        }

        private static Duration positive(String name, Duration value, Duration otherwise) {
            if (value == null) {
                return otherwise;
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("edge.connector.opcua.endpoints[]." + name + " must be positive, "
                        + "got " + value);
            }
            return value;
        }
    }

    /**
     * A machine whose sensors are variables of the server.
     *
     * @param deviceId    the device id of its readings
     * @param machineType its machine type (may be empty for models without one)
     * @param nodes       sensor name to node id (e.g. {@code ns=3;s="DB_Mill".Torque}); a sensor without one uses
     *                    the endpoint's {@code node-template}
     */
    public record Device(String deviceId, @DefaultValue("") String machineType, Map<String, String> nodes) {

        public Device {
            machineType = machineType == null ? "" : machineType.trim();
            nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
        }
    }
}

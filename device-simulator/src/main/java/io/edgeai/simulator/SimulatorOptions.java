package io.edgeai.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's settings.
 *
 * @param interval   time between two readings of one device
 * @param batch      readings per request per device (sent once the last of them is due)
 * @param duration   how long to run; {@code null} = until stopped
 * @param demoStarts start some machines near a failure so alerts show within a minute
 * @param mqtt       broker URI: publish to it (for the connector) instead of posting to the gateway; null: REST
 * @param mqttTopic  topic of a device's readings, {@code {machineType}} and {@code {deviceId}} filled in
 */
public record SimulatorOptions(URI gateway, String apiKey, int devices, Duration interval, int batch,
                               Duration duration, String devicePrefix, long seed, boolean demoStarts, String mqtt,
                               String mqttTopic) {

    static final Set<String> NAMES = Set.of("gateway", "api-key", "devices", "interval", "batch", "duration",
            "device-prefix", "seed", "demo-starts", "mqtt", "mqtt-topic", "help");

    public static final String USAGE = """
            usage: java -jar device-simulator.jar --api-key KEY [options]
              --gateway URL        gateway base URL (default http://localhost:8080)
              --api-key KEY        operator API key (or environment variable EDGE_API_KEY)
              --devices N          machines to simulate (default 20)
              --interval DUR       time between readings of one device (default 1s; 500ms, 2s, 1m ...)
              --batch N            readings per request per device (default 1)
              --duration DUR       stop after this long (default: run until killed)
              --device-prefix P    device ids P01, P02, ... (default mill-)
              --seed N             random seed; the same seed gives the same readings (default 2020)
              --demo-starts B      start some machines near a failure so alerts show within a minute (default true)
              --mqtt URI           publish each reading to this MQTT broker (tcp://localhost:1883) at QoS 1 instead
                                   of posting to the gateway: the connector-service carries it into the pipeline
              --mqtt-topic T       topic of a device's readings (default factory/{machineType}/{deviceId}/telemetry)
            """;

    public SimulatorOptions {
        if (mqtt == null && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("an API key is required: --api-key KEY or EDGE_API_KEY");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("--interval must be positive");
        }
    }

    static SimulatorOptions parse(String[] args, Map<String, String> env) {
        CommandLine cl = new CommandLine(args, NAMES);
        return new SimulatorOptions(
                URI.create(cl.string("gateway", "http://localhost:8080")),
                cl.string("api-key", env.get("EDGE_API_KEY")),
                cl.integer("devices", 20, 1),
                cl.duration("interval", Duration.ofSeconds(1)),
                cl.integer("batch", 1, 1),
                cl.duration("duration", null),
                cl.string("device-prefix", "mill-"),
                cl.longValue("seed", 2020),
                cl.flag("demo-starts", true),
                cl.string("mqtt", null),
                cl.string("mqtt-topic", "factory/{machineType}/{deviceId}/telemetry"));
    }
}

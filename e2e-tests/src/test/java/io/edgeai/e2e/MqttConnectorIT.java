package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MQTT path end to end: machines publish AI4I readings over MQTT (QoS 1), connector-service carries them into
 * the gateway's pipeline, they are stored with their predictions, and the alert the failing machine raises is
 * published back to its topic. The broker is a Mosquitto of the test's own (the system one cannot be restarted),
 * with persistence on, and it is restarted in the middle of the stream: every reading the broker acknowledged to a
 * machine ends up stored. Skipped where no {@code mosquitto} binary is installed.
 */
class MqttConnectorIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final List<String> MACHINES = List.of("mqtt-01", "mqtt-02", "mqtt-03", "mqtt-hdf");
    static final int READINGS = 30;
    static final Instant BASE = Instant.parse("2026-11-30T06:00:00Z");

    static EdgeLauncher edge;
    static Path brokerDir;
    static int brokerPort;
    static Process broker;

    @BeforeAll
    static void up() throws Exception {
        String mosquitto = mosquittoBinary();
        assumeTrue(mosquitto != null, "no mosquitto binary: the MQTT end-to-end test needs a broker it can restart");
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("edge-mqtt");
        brokerDir = Files.createDirectories(home.resolve("broker"));
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        // Persistence on: messages the broker acknowledged, and the connector's session, survive its restart.
        Files.writeString(brokerDir.resolve("mosquitto.conf"), String.join("\n",
                // Started as root, Mosquitto would switch to user mosquitto, who cannot write the test's folder.
                "user " + System.getProperty("user.name"),
                "listener " + brokerPort + " 127.0.0.1", "allow_anonymous true", "persistence true",
                "persistence_location " + brokerDir + "/", "autosave_interval 5", "max_queued_messages 100000",
                "log_dest file " + brokerDir.resolve("mosquitto.log"), ""));
        startBroker(mosquitto);
        edge = new EdgeLauncher(repo, home).withConnector("tcp://127.0.0.1:" + brokerPort)
                .env("EDGE_MQTT_CLIENT_ID", "edge-connector-it");
        edge.run("up", Duration.ofMinutes(8));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (edge != null) {
                edge.run("down", Duration.ofMinutes(3));
            }
        } finally {
            if (broker != null) {
                broker.destroy();
                broker.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void readingsOverMqttAreStoredAndScoredAlertsComeBackAndABrokerRestartLosesNothing() throws Exception {
        String uri = "tcp://127.0.0.1:" + brokerPort;
        Map<String, List<String>> answers = new ConcurrentHashMap<>();
        // A persistent session: the broker keeps the observer's subscriptions and answers across its restart.
        MqttAsyncClient observer = client(uri, "it-observer", false);
        observer.subscribe(new String[] {"edge/alerts/#", "edge/status/#"}, new int[] {1, 1},
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                    (t, m) -> answers.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>()).add(text(m.getPayload())),
                    (t, m) -> answers.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>()).add(text(m.getPayload()))})
                .waitForCompletion(5000);
        MqttAsyncClient machines = client(uri, "it-machines", true);

        Map<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();
        MACHINES.forEach(m -> acknowledged.put(m, ConcurrentHashMap.newKeySet()));
        List<String[]> unacknowledged = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            if (i == READINGS / 2) {
                restartBroker();
            }
            for (String machine : MACHINES) {
                if (!publish(machines, machine, i, acknowledged)) {
                    unacknowledged.add(new String[] {machine, String.valueOf(i)});
                }
            }
            Thread.sleep(50);
        }
        // What the broker did not acknowledge (it was restarting) the machines send again, as a device would.
        for (String[] again : unacknowledged) {
            await().atMost(Duration.ofSeconds(30)).until(() -> publish(machines, again[0],
                    Integer.parseInt(again[1]), acknowledged));
        }
        assertThat(acknowledged.values().stream().mapToInt(Set::size).sum()).isEqualTo(MACHINES.size() * READINGS);

        String key = edge.demoKey("viewer");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String machine : MACHINES) {
                assertThat(GatewayReadings.stored(HTTP, edge.gateway(), machine, key, Duration.ofSeconds(10)))
                        .as(machine).containsAll(acknowledged.get(machine));
            }
        });
        JsonNode history = JSON.readTree(get(edge.gateway() + "/api/v1/devices/mqtt-hdf/history?size=5", key));
        assertThat(history.path("items").get(0).path("predictions")).as("scored").isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(answers.get("edge/alerts/mqtt-hdf")).as("alerts published back").isNotNull()
                    .anyMatch(a -> a.contains("\"RAISED\"") && a.contains("HDF"));
            assertThat(answers.get("edge/status/mqtt-01")).as("status published back").isNotNull();
        });
        String metrics = get("http://localhost:" + edge.port(EdgeLauncher.CONNECTOR) + "/actuator/prometheus", null);
        assertThat(DurableIngestIT.metric(metrics, "edge_connector_readings_total"))
                .isGreaterThanOrEqualTo(MACHINES.size() * READINGS);
        machines.disconnect().waitForCompletion(5000);
        observer.disconnect().waitForCompletion(5000);
    }

    /** One AI4I reading: three healthy mills and one with a heat dissipation failure building up. */
    static String reading(String machine, int i) {
        boolean failing = machine.equals("mqtt-hdf") && i >= 5;
        double air = failing ? 302.5 : 298.1 + (i % 5) * 0.1;
        double process = failing ? 310.0 : 308.6 + (i % 3) * 0.1;
        double rpm = failing ? 1300 + i : 1551 - (i % 7) * 10;
        double torque = failing ? 60.0 : 42.8 - (i % 4);
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"sensors\":{"
                + "\"air_temperature\":{\"value\":%.1f,\"unit\":\"K\"},\"process_temperature\":{\"value\":%.1f,"
                + "\"unit\":\"K\"},\"rotational_speed\":{\"value\":%.0f,\"unit\":\"rpm\"},\"torque\":{\"value\":%.1f,"
                + "\"unit\":\"Nm\"},\"tool_wear\":{\"value\":%d,\"unit\":\"min\"}}}", BASE.plusSeconds(i), air, process,
                rpm, torque, 100 + 2 * i);
    }

    /** Publishes reading i of a machine at QoS 1; true once the broker acknowledged it. */
    static boolean publish(MqttAsyncClient client, String machine, int i, Map<String, Set<Instant>> acknowledged) {
        try {
            client.publish("factory/" + (machine.equals("mqtt-02") ? "L" : "M") + "/" + machine + "/telemetry",
                    reading(machine, i).getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5000);
            acknowledged.get(machine).add(BASE.plusSeconds(i));
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    static MqttAsyncClient client(String uri, String id, boolean cleanSession) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1000);
        options.setMaxInflight(1000);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** SIGTERM (Mosquitto writes its persistence file), then the same broker again on the same port and data. */
    static void restartBroker() throws Exception {
        broker.destroy();
        assertThat(broker.waitFor(20, TimeUnit.SECONDS)).as("broker stopped").isTrue();
        startBroker(mosquittoBinary());
    }

    static void startBroker(String mosquitto) throws Exception {
        broker = new ProcessBuilder(mosquitto, "-c", brokerDir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(brokerDir.resolve("stdout.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(MqttConnectorIT::brokerAnswers);
    }

    static boolean brokerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", brokerPort), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String mosquittoBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            File candidate = new File(dir, "mosquitto");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    static String get(String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}

package io.edgeai.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.connector.mapping.SparkplugMapperTest;
import io.edgeai.connector.mqtt.MqttConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The connector against a real broker (Mosquitto on 127.0.0.1:1883; skipped when none answers) and a stand-in
 * gateway: readings in, decisions, status and alerts out, dead letters, retries while the gateway is down, and a
 * connector stopped with unacknowledged messages getting them again. Topics and client ids are unique per run, so
 * runs sharing the broker do not see each other.
 */
class MqttConnectorTest {

    static final String BROKER = "tcp://127.0.0.1:1883";
    static final String RUN = "edgetest-" + UUID.randomUUID().toString().substring(0, 8);

    static StandInGateway gateway;
    static ConfigurableApplicationContext app;
    static MqttClient device;
    static final Map<String, List<String>> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(brokerAnswers(), "no MQTT broker on 127.0.0.1:1883");
        gateway = new StandInGateway();
        Path data = Files.createTempDirectory("connector-test");
        app = new SpringApplication(ConnectorApplication.class).run(
                "--server.port=0",
                "--edge.connector.gateway.uri=" + gateway.uri(),
                "--edge.connector.gateway.api-key=" + StandInGateway.KEY,
                "--edge.connector.data-dir=" + data,
                "--edge.connector.retry.initial=50ms",
                "--edge.connector.retry.max=200ms",
                "--edge.connector.mqtt.broker=" + BROKER,
                "--edge.connector.mqtt.client-id=" + RUN + "-connector",
                "--edge.connector.mqtt.subscriptions[0].filter=" + RUN + "/factory/+/+/telemetry",
                "--edge.connector.mqtt.subscriptions[0].device-id=/deviceId,topic[3]",
                "--edge.connector.mqtt.subscriptions[0].machine-type=topic[2]",
                "--edge.connector.mqtt.subscriptions[1].filter=" + RUN + "/plain/+/+",
                "--edge.connector.mqtt.subscriptions[1].payload=number",
                "--edge.connector.mqtt.subscriptions[1].device-id=topic[2]",
                "--edge.connector.mqtt.subscriptions[1].machine-type='L'",
                "--edge.connector.mqtt.subscriptions[1].sensor=topic[3]",
                "--edge.connector.mqtt.subscriptions[1].units.torque=Nm",
                "--edge.connector.mqtt.subscriptions[1].frame=torque,tool_wear",
                "--edge.connector.mqtt.subscriptions[2].filter=spBv1.0/" + RUN + "/#",
                "--edge.connector.mqtt.subscriptions[2].payload=sparkplug",
                "--edge.connector.mqtt.subscriptions[2].machine-type='M'",
                "--edge.connector.mqtt.subscriptions[2].sensors.torque.path=Sensors/Torque",
                "--edge.connector.mqtt.subscriptions[2].sensors.torque.unit=Nm",
                "--edge.connector.mqtt.subscriptions[2].sensors.tool_wear.path=Sensors/Wear",
                "--edge.connector.mqtt.topics.decisions=" + RUN + "/decisions/{deviceId}",
                "--edge.connector.mqtt.topics.status=" + RUN + "/status/{deviceId}",
                "--edge.connector.mqtt.topics.alerts=" + RUN + "/alerts/{deviceId}",
                "--edge.connector.mqtt.topics.dead-letter=" + RUN + "/dead-letter");
        assertThat(app.getBean(MqttConnector.class).awaitConnected(10_000)).isTrue();
        device = new MqttClient(BROKER, RUN + "-device", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        device.connect(options);
        device.subscribe(RUN + "/#", 1, (topic, message) -> received
                .computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                .add(new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (device != null) {
            device.disconnect();
            device.close();
        }
        if (app != null) {
            app.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    static boolean brokerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void publish(String topic, String payload) throws Exception {
        device.publish(RUN + "/" + topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    static String reading(int second, double torque) {
        return "{\"timestamp\":\"2026-11-30T08:00:" + String.format("%02d", second) + "Z\",\"sensors\":{\"torque\":"
                + "{\"value\":" + torque + ",\"unit\":\"Nm\"},\"tool_wear\":{\"value\":10,\"unit\":\"min\"}}}";
    }

    static List<String> deadLetters(String device) {
        return received.getOrDefault(RUN + "/dead-letter", List.of()).stream()
                .filter(l -> l.contains("\"deviceId\":\"" + device + "\"")).toList();
    }

    static List<String> timestamps(String device) {
        return gateway.stored(device).stream().map(r -> r.get("timestamp").asString()).toList();
    }

    @Test
    void sparkplugBirthAndDataByAliasBecomeReadingsAndDeathsAreAcknowledged() throws Exception {
        String base = "spBv1.0/" + RUN + "/%s/plc-7/sp-1";
        device.publish(String.format(base, "DBIRTH"), SparkplugMapperTest.payload(1000,
                SparkplugMapperTest.named("Sensors/Torque", 1, 40.5), SparkplugMapperTest.named("Sensors/Wear", 2, 9)),
                1, false);
        device.publish(String.format(base, "DDATA"), SparkplugMapperTest.payload(2000,
                SparkplugMapperTest.aliased(1, 41.5)), 1, false);
        device.publish(String.format(base, "DDEATH"), SparkplugMapperTest.payload(3000), 1, false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timestamps("sp-1"))
                .containsExactly("1970-01-01T00:00:01Z", "1970-01-01T00:00:02Z"));
        assertThat(gateway.stored("sp-1").get(1).path("sensors").path("torque").path("value").asDouble())
                .isEqualTo(41.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.getBean(MqttConnector.class).state()
                .pendingMessages() == 0);
    }

    @Test
    void readingsReachTheGatewayInOrderAndItsAnswersArePublishedBack() throws Exception {
        for (int s = 0; s < 10; s++) {
            for (String machine : List.of("a-1", "a-2", "a-3")) {
                publish("factory/M/" + machine + "/telemetry", reading(s, machine.equals("a-3") && s == 9 ? 75 : 40));
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String machine : List.of("a-1", "a-2", "a-3")) {
                assertThat(timestamps(machine)).hasSize(10).isSorted();
            }
        });
        assertThat(gateway.stored("a-1").get(0).get("machineType").asString()).isEqualTo("M");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(received.get(RUN + "/alerts/a-3")).singleElement().asString().contains("\"RAISED\"");
            assertThat(received.get(RUN + "/decisions/a-1")).isNotEmpty();
            assertThat(received.get(RUN + "/status/a-3")).last().asString().contains("FAILURE_PREDICTED")
                    .contains("2026-11-30T08:00:09Z");
        });
        // The status is retained: a subscriber coming later gets each device's latest status at once.
        List<String> late = new CopyOnWriteArrayList<>();
        MqttClient observer = new MqttClient(BROKER, RUN + "-observer", new MemoryPersistence());
        observer.connect();
        observer.subscribe(RUN + "/status/a-3", 1, (t, m) -> late.add(new String(m.getPayload())));
        await().atMost(Duration.ofSeconds(5)).until(() -> !late.isEmpty());
        observer.disconnect();
        observer.close();
        assertThat(late.get(0)).contains("FAILURE_PREDICTED");
    }

    @Test
    void badPayloadsGoToTheDeadLetterTopicAndTheSubscriptionGoesOn() throws Exception {
        publish("factory/M/b-1/telemetry", "{not json");
        publish("factory/M/b-1/telemetry", reading(1, -5));
        publish("factory/M/b-1/telemetry", reading(2, 30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(timestamps("b-1")).containsExactly("2026-11-30T08:00:02Z");
            assertThat(deadLetters("b-1")).hasSize(2);
        });
        List<String> letters = deadLetters("b-1");
        assertThat(letters.get(0)).contains("payload is not JSON").contains("{not json");
        JsonNode refused = StandInGateway.JSON.readTree(letters.get(1));
        assertThat(refused.get("reason").asString()).isEqualTo("gateway answered 422: 1 invalid field");
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("readings[0].sensors.torque.value");
        assertThat(refused.get("deviceId").asString()).isEqualTo("b-1");
    }

    @Test
    void plainNumbersAreGatheredIntoReadings() throws Exception {
        publish("plain/p-1/torque", "41.5");
        publish("plain/p-1/tool_wear", "12");
        publish("plain/p-1/torque", "not a number");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gateway.stored("p-1")).hasSize(1);
            assertThat(deadLetters("p-1")).singleElement().asString().contains("must be a plain number");
        });
        JsonNode reading = gateway.stored("p-1").get(0);
        assertThat(reading.get("machineType").asString()).isEqualTo("L");
        assertThat(reading.get("sensors").toString())
                .isEqualTo("{\"torque\":{\"value\":41.5,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":12.0}}");
    }

    @Test
    void nothingIsAcknowledgedWhileTheGatewayIsDownNorLostWhenTheConnectorStops() throws Exception {
        MqttConnector connector = app.getBean(MqttConnector.class);
        gateway.down.set(true);
        try {
            for (int s = 0; s < 5; s++) {
                publish("factory/H/c-1/telemetry", reading(s, 20));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> connector.state().pendingMessages() == 5);
            int before = gateway.requests.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.requests.get() > before + 3);
            // The connector goes away with five unacknowledged messages; the broker keeps them for its session.
            connector.stop();
        } finally {
            gateway.down.set(false);
        }
        publish("factory/H/c-1/telemetry", reading(5, 20));
        assertThat(timestamps("c-1")).isEmpty();
        connector.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timestamps("c-1")).containsExactly(
                "2026-11-30T08:00:00Z", "2026-11-30T08:00:01Z", "2026-11-30T08:00:02Z", "2026-11-30T08:00:03Z",
                "2026-11-30T08:00:04Z", "2026-11-30T08:00:05Z"));
        await().atMost(Duration.ofSeconds(5)).until(() -> connector.state().pendingMessages() == 0);
    }
}

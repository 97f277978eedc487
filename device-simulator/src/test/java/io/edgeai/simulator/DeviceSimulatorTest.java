package io.edgeai.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DeviceSimulatorTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    @Test
    void everyDevicesReadingsArriveOnceInOrderDespiteA503OnEveryThirdRequest() throws Exception {
        Map<String, List<Instant>> accepted = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/devices/", exchange -> {
            String device = exchange.getRequestURI().getPath().split("/")[4];
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int code = requests.incrementAndGet() % 3 == 0 ? 503 : 200;
            if (code == 200) {
                Matcher m = TIMESTAMP.matcher(body);
                List<Instant> list = accepted.computeIfAbsent(device, d -> new ArrayList<>());
                synchronized (list) {
                    while (m.find()) {
                        list.add(Instant.parse(m.group(1)));
                    }
                }
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        try {
            SimulatorOptions options = new SimulatorOptions(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "k", 3, Duration.ofMillis(50),
                    2, null, "mill-", 5, true, null, null);
            DeviceSimulator simulator = new DeviceSimulator(options);
            simulator.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() == 3
                    && accepted.values().stream().allMatch(list -> sizeOf(list) > 6)
                    && simulator.stats().retriedCount() > 0);
            simulator.stop();

            assertThat(accepted).containsOnlyKeys("mill-01", "mill-02", "mill-03");
            accepted.values().forEach(list -> {
                assertThat(list).hasSizeGreaterThan(6);
                for (int i = 1; i < list.size(); i++) {
                    // Exactly one interval apart: nothing dropped, repeated or reordered.
                    assertThat(Duration.between(list.get(i - 1), list.get(i))).isEqualTo(Duration.ofMillis(50));
                }
            });
            assertThat(simulator.stats().retriedCount()).isPositive();
        } finally {
            server.stop(0);
        }
    }

    private static int sizeOf(List<Instant> list) {
        synchronized (list) {
            return list.size();
        }
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndTakeTheKeyFromTheEnvironment() {
        SimulatorOptions o = SimulatorOptions.parse(new String[0], Map.of("EDGE_API_KEY", "env-key"));
        assertThat(o.gateway()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(o.apiKey()).isEqualTo("env-key");
        assertThat(o.devices()).isEqualTo(20);
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.batch()).isEqualTo(1);
        assertThat(o.duration()).isNull();
        assertThat(o.devicePrefix()).isEqualTo("mill-");

        SimulatorOptions set = SimulatorOptions.parse(new String[] {"--api-key", "k", "--devices=5", "--interval",
                "250ms", "--duration", "2m", "--seed", "7"}, Map.of());
        assertThat(set.devices()).isEqualTo(5);
        assertThat(set.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.seed()).isEqualTo(7);
    }

    @Test
    void withMqttEachReadingIsOneQos1MessageOnItsDevicesTopic() throws Exception {
        Assumptions.assumeTrue(brokerAnswers(), "no MQTT broker on 127.0.0.1:1883");
        String prefix = "simtest-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        MqttClient observer = new MqttClient("tcp://127.0.0.1:1883", prefix + "-observer", new MemoryPersistence());
        observer.connect();
        observer.subscribe(prefix + "/#", 1, (topic, message) -> received.computeIfAbsent(topic,
                t -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(new String(message.getPayload(),
                StandardCharsets.UTF_8)));
        SimulatorOptions options = SimulatorOptions.parse(new String[] {"--mqtt", "tcp://127.0.0.1:1883",
                "--mqtt-topic", prefix + "/{machineType}/{deviceId}/telemetry", "--devices", "2", "--interval",
                "50ms", "--device-prefix", "sim-"}, Map.of());
        DeviceSimulator simulator = new DeviceSimulator(options);
        try {
            simulator.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2
                    && received.values().stream().allMatch(l -> l.size() >= 3));
        } finally {
            simulator.stop();
            observer.disconnect();
            observer.close();
        }
        assertThat(received.keySet()).allMatch(t -> t.matches(prefix + "/[LMH]/sim-0[12]/telemetry"));
        assertThat(received.values().iterator().next().get(0)).contains("\"timestamp\":").contains("\"sensors\":{"
                + "\"air_temperature\":{\"value\":");
    }

    private static boolean brokerAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

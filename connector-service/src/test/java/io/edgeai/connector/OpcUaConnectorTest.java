package io.edgeai.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgeai.connector.opcua.OpcUaConnector;
import io.edgeai.connector.opcua.OpcUaState;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The OPC UA side against a real Milo server the test starts (standing in for a PLC) and a stand-in gateway: a
 * device's variables become a reading once all were written anew, nodes the server does not know are reported
 * while the others work, a refused reading is counted as a dead letter, and a server restart is followed by a
 * reconnect and new readings. MQTT is off: no broker needed.
 */
class OpcUaConnectorTest {

    static final List<String> SENSORS = List.of("torque", "tool_wear");
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    static StandInGateway gateway;
    static MachinesServer server;
    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        gateway = new StandInGateway();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new MachinesServer(port, List.of("opc-01", "opc-02"), SENSORS);
        app = new SpringApplication(ConnectorApplication.class).run(
                "--server.port=0",
                "--edge.connector.gateway.uri=" + gateway.uri(),
                "--edge.connector.gateway.api-key=" + StandInGateway.KEY,
                "--edge.connector.data-dir=" + Files.createTempDirectory("connector-opcua-test"),
                "--edge.connector.retry.initial=50ms",
                "--edge.connector.retry.max=200ms",
                "--edge.connector.mqtt.enabled=false",
                "--edge.connector.opcua.enabled=true",
                "--edge.connector.opcua.endpoints[0].url=" + server.url(),
                "--edge.connector.opcua.endpoints[0].node-template=ns=2;s={deviceId}.{sensor}",
                "--edge.connector.opcua.endpoints[0].sensors=torque:Nm,tool_wear:min",
                "--edge.connector.opcua.endpoints[0].device-list=opc-01:M,ghost-01:L",
                "--edge.connector.opcua.endpoints[0].devices[0].device-id=lathe-7",
                "--edge.connector.opcua.endpoints[0].devices[0].machine-type=L",
                "--edge.connector.opcua.endpoints[0].devices[0].nodes.torque=ns=2;s=opc-02.torque",
                "--edge.connector.opcua.endpoints[0].devices[0].nodes.tool_wear=ns=2;s=opc-02.tool_wear",
                "--edge.connector.opcua.endpoints[0].publishing-interval=100ms",
                "--edge.connector.opcua.endpoints[0].sampling-interval=20ms",
                "--edge.connector.opcua.endpoints[0].reconnect-max=1s");
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint().monitoredItems() == 4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    static OpcUaState endpoint() {
        return app.getBean(OpcUaConnector.class).state().get(0);
    }

    @Test
    void aReadingOnceEverySensorWasWrittenAnewNamedByItsDeviceAndUnits() {
        server.write("opc-01", "torque", 40.5, T0);
        server.write("opc-01", "tool_wear", 12.0, T0);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.stored("opc-01").size() == 1);
        JsonNode reading = gateway.stored("opc-01").get(0);
        assertThat(reading.path("timestamp").asString()).isEqualTo(T0.toString());
        assertThat(reading.path("machineType").asString()).isEqualTo("M");
        assertThat(reading.path("sensors").path("torque").path("value").asDouble()).isEqualTo(40.5);
        assertThat(reading.path("sensors").path("torque").path("unit").asString()).isEqualTo("Nm");
        assertThat(reading.path("sensors").path("tool_wear").path("unit").asString()).isEqualTo("min");

        // One sensor anew is not a reading yet; the second completes it, timed by the newest value.
        server.write("opc-01", "torque", 41.0, T0.plusSeconds(1));
        sleep(600);
        assertThat(gateway.stored("opc-01")).hasSize(1);
        server.write("opc-01", "tool_wear", 13.0, T0.plusSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.stored("opc-01").size() == 2);
        assertThat(gateway.stored("opc-01").get(1).path("timestamp").asString())
                .isEqualTo(T0.plusSeconds(2).toString());
        assertThat(gateway.stored("opc-01").get(1).path("sensors").path("torque").path("value").asDouble())
                .isEqualTo(41.0);

        // A device with its own node ids.
        server.writeAll("opc-02", Map.of("torque", 30.0, "tool_wear", 5.0), T0);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.stored("lathe-7").size() == 1);
        assertThat(gateway.stored("lathe-7").get(0).path("machineType").asString()).isEqualTo("L");
    }

    @Test
    void nodesTheServerDoesNotKnowAreReportedNotFatal() throws Exception {
        OpcUaState state = endpoint();
        assertThat(state.connected()).isTrue();
        assertThat(state.nodes()).isEqualTo(6);
        // (A node without a value yet is listed too, with its status Bad_WaitingForInitialData.)
        assertThat(state.nodeProblems()).hasEntrySatisfying("ns=2;s=ghost-01.torque",
                problem -> assertThat(problem).contains("Bad_NodeIdUnknown"));
        assertThat(state.nodeProblems().entrySet()).filteredOn(e -> e.getValue().contains("Bad_NodeIdUnknown"))
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("ns=2;s=ghost-01.torque",
                        "ns=2;s=ghost-01.tool_wear");
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        JsonNode status = StandInGateway.JSON.readTree(get(base + "/api/v1/connector/status"));
        assertThat(status.path("opcua").get(0).path("nodeProblems").has("ns=2;s=ghost-01.tool_wear")).isTrue();
        JsonNode health = StandInGateway.JSON.readTree(get(base + "/actuator/health"));
        assertThat(health.path("components").path("opcua").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aRefusedReadingIsADeadLetterAndTheNextOneGoesThrough() {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        Instant t = T0.plusSeconds(100);
        server.writeAll("opc-02", Map.of("torque", -1.0, "tool_wear", 6.0), t);
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("edge_connector_dead_letters_total",
                "protocol", "opcua").count() >= 1);
        server.writeAll("opc-02", Map.of("torque", 31.0, "tool_wear", 7.0), t.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.stored("lathe-7").stream()
                .anyMatch(r -> r.path("timestamp").asString().equals(t.plusSeconds(1).toString())));
    }

    @Test
    void aServerRestartIsFollowedByAReconnectAndNewReadings() throws Exception {
        Instant t = T0.plusSeconds(200);
        server.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !endpoint().connected());
        server = new MachinesServer(port, List.of("opc-01", "opc-02"), SENSORS);
        await().atMost(Duration.ofSeconds(60)).until(() -> endpoint().connected() && endpoint().monitoredItems() == 4);
        int before = gateway.stored("opc-01").size();
        server.writeAll("opc-01", Map.of("torque", 44.0, "tool_wear", 20.0), t);
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.stored("opc-01").size() == before + 1);
        assertThat(gateway.stored("opc-01").get(before).path("timestamp").asString()).isEqualTo(t.toString());
    }

    @Test
    void aConfigurationThatCannotWorkStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new SpringApplication(ConnectorApplication.class).run("--server.port=0",
                "--edge.connector.mqtt.enabled=false", "--edge.connector.opcua.enabled=true",
                "--edge.connector.opcua.endpoints[0].url=opc.tcp://127.0.0.1:1/x",
                "--edge.connector.opcua.endpoints[0].device-list=m-1:M",
                "--edge.connector.opcua.endpoints[0].node-template=ns=two;s={deviceId}.{sensor}"))
                .hasStackTraceContaining("edge.connector.opcua.endpoints[0].devices[0].nodes.air_temperature")
                .hasStackTraceContaining("is not an OPC UA node id");
    }

    static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

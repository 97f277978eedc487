package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.connector.MachinesServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OPC UA path end to end: an OPC UA server of the test's own (Eclipse Milo, standing in for a PLC) holds two
 * machines' AI4I variables; connector-service subscribes to them, makes a reading of each machine's cycle and
 * carries it into the gateway's pipeline, where it is scored and stored. The server is restarted in the middle
 * (a PLC power cycle): the connector reconnects, subscribes again and goes on. Lean on purpose: 6 cycles.
 */
class OpcUaConnectorIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final List<String> MACHINES = List.of("opc-01", "opc-hdf");
    static final int CYCLES = 6;
    static final Instant BASE = Instant.parse("2026-11-30T07:00:00Z");

    static EdgeLauncher edge;
    static MachinesServer server;
    static int port;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("edge-opcua");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new MachinesServer(port, MACHINES, MachinesServer.AI4I);
        edge = new EdgeLauncher(repo, home).withOpcUa(server.url(), "opc-01:M,opc-hdf:M")
                .env("EDGE_OPCUA_PUBLISHING_INTERVAL", "100ms").env("EDGE_OPCUA_SAMPLING_INTERVAL", "50ms");
        edge.run("up", Duration.ofMinutes(8));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (edge != null) {
                edge.run("down", Duration.ofMinutes(3));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void plcVariablesBecomeScoredStoredReadingsAndAServerRestartIsRiddenThrough() throws Exception {
        awaitSubscribed();
        List<Instant> written = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            if (i == CYCLES / 2) {
                server.close();
                server = new MachinesServer(port, MACHINES, MachinesServer.AI4I);
                awaitSubscribed();
            }
            Instant time = BASE.plusSeconds(i);
            for (String machine : MACHINES) {
                server.writeAll(machine, values(machine, i), time);
            }
            written.add(time);
            // A PLC keeps only current values: the next cycle is written once this one has reached the gateway.
            int expected = MACHINES.size() * (i + 1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> DurableIngestIT.metric(prometheus(), "edge_connector_readings_total") >= expected);
        }

        String key = edge.demoKey("viewer");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String machine : MACHINES) {
                assertThat(GatewayReadings.stored(HTTP, edge.gateway(), machine, key, Duration.ofSeconds(10)))
                        .as(machine).containsAll(written);
            }
        });
        JsonNode history = JSON.readTree(get(edge.gateway() + "/api/v1/devices/opc-hdf/history?size=5", key));
        assertThat(history.path("items").get(0).path("predictions")).as("scored").isNotEmpty();
        assertThat(history.path("items").get(0).path("sensors").path("torque").path("value").asDouble())
                .isEqualTo(60.0);
    }

    /** Waits until the connector's health shows the endpoint connected with all 10 monitored items. */
    static void awaitSubscribed() {
        String health = "http://localhost:" + edge.port(EdgeLauncher.CONNECTOR) + "/actuator/health";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode endpoint = JSON.readTree(get(health, null)).path("components").path("opcua").path("details")
                    .path("endpoints").path(0);
            return endpoint.path("connected").asBoolean() && endpoint.path("monitoredItems").asInt() == 10;
        });
    }

    /** One AI4I cycle: a healthy mill and one with a heat dissipation failure building up. */
    static Map<String, Double> values(String machine, int i) {
        boolean failing = machine.equals("opc-hdf") && i >= 2;
        return Map.of("air_temperature", failing ? 302.5 : 298.1 + (i % 5) * 0.1,
                "process_temperature", failing ? 310.0 : 308.6 + (i % 3) * 0.1,
                "rotational_speed", failing ? 1300.0 + i : 1551.0 - (i % 7) * 10,
                "torque", failing ? 60.0 : 42.8 - (i % 4),
                "tool_wear", 100.0 + 2 * i);
    }

    static String prometheus() throws Exception {
        return get("http://localhost:" + edge.port(EdgeLauncher.CONNECTOR) + "/actuator/prometheus", null);
    }

    static String get(String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isIn(200, 503);
        return response.body();
    }
}

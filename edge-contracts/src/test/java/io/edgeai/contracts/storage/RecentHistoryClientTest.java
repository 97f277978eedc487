package io.edgeai.contracts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.edgeai.contracts.ShardFunction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stages' recent-history read over real HTTP: each device goes to its owner, odd ids stay home, failures say so. */
class RecentHistoryClientTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant CUT = Instant.parse("2026-11-28T10:00:00Z");

    final List<HttpServer> servers = new ArrayList<>();
    final List<List<JsonNode>> received = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A data-shard instance answering every device asked with one stored reading, or always {@code status}. */
    URI instance(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<JsonNode> queries = new CopyOnWriteArrayList<>();
        server.createContext(RecentHistoryClient.PATH, exchange -> {
            JsonNode query = JSON.readTree(exchange.getRequestBody().readAllBytes());
            queries.add(query);
            StringBuilder body = new StringBuilder("{\"devices\":[");
            for (int i = 0; i < query.path("devices").size(); i++) {
                String device = query.path("devices").path(i).path("deviceId").asString();
                body.append(i == 0 ? "" : ",").append("{\"deviceId\":\"").append(device).append("\",\"readings\":[")
                        .append("{\"deviceId\":\"").append(device).append("\",\"timestamp\":\"2026-11-28T09:59:59Z\",")
                        .append("\"sensors\":{\"torque\":{\"value\":40.0,\"unit\":\"Nm\"}}}],")
                        .append("\"alerts\":[{\"alertId\":\"a\",\"mode\":\"HDF\",\"state\":\"ACKNOWLEDGED\"}]}");
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, status == 200 ? bytes.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        received.add(queries);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    RecentHistoryClient client(List<URI> owners) {
        return new RecentHistoryClient(RestClient.builder(), new DataShardLocation(URI.create("http://127.0.0.1:9"),
                owners, 16, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void asksEachDeviceOfItsOwnerAndLeavesIdsDataShardNeverStoresAtHome() throws IOException {
        RecentHistoryClient client = client(List.of(instance(200), instance(200)));
        Map<String, Instant> cuts = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            cuts.put("press-" + i, CUT);
        }
        cuts.put("not a device id", CUT);

        Map<String, RecentHistory.DeviceHistory> found = client.fetch(cuts, 5000);

        assertThat(found).hasSize(12).doesNotContainKey("not a device id");
        assertThat(found.get("press-3").readings()).extracting(r -> r.sensors().get("torque").value())
                .containsExactly(40.0);
        assertThat(found.get("press-3").alerts().get(0).open()).isTrue();
        for (int owner = 0; owner < 2; owner++) {
            assertThat(received.get(owner)).hasSize(1);
            JsonNode query = received.get(owner).get(0);
            assertThat(query.path("readings").asInt()).as("clamped to the most data-shard gives")
                    .isEqualTo(RecentHistoryQuery.MAX_READINGS);
            for (JsonNode cut : query.path("devices")) {
                String device = cut.path("deviceId").asString();
                assertThat(ShardFunction.ownerOf(ShardFunction.shardOf(device, 16), 2)).as(device).isEqualTo(owner);
                assertThat(cut.path("before").asString()).isEqualTo(CUT.toString());
            }
        }
    }

    @Test
    void anOwnerThatRefusesOrIsDownFailsTheReadAsUnavailable() throws IOException {
        RecentHistoryClient refusing = client(List.of(instance(503)));
        assertThatThrownBy(() -> refusing.fetch(Map.of("press-1", CUT), 5))
                .isInstanceOf(RecentHistoryClient.RecentHistoryUnavailableException.class)
                .hasMessageContaining("data-shard instance 0");
        RecentHistoryClient down = client(List.of(URI.create("http://127.0.0.1:9")));
        assertThatThrownBy(() -> down.fetch(Map.of("press-1", CUT), 5))
                .isInstanceOf(RecentHistoryClient.RecentHistoryUnavailableException.class);
    }
}

package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole suite as a user runs it: {@code ./edge up} starts the five services as separate processes, requests go
 * through the gateway into each service and back, a killed service is reported DOWN and its routes answer 503, and
 * {@code ./edge down} leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static EdgeLauncher edge;
    static String upOutput;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        // With class data sharing on, as a user runs it: each service's archive is written when down stops it.
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-e2e")).env("EDGE_CDS", "true");
        upOutput = edge.run("up", Duration.ofMinutes(4));
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    @Order(1)
    void upReportsEveryServiceReady() {
        assertThat(upOutput).containsPattern("all (five|5) services ready");
        for (String service : EdgeLauncher.SERVICES) {
            assertThat(upOutput).contains(service + " ready after");
        }
    }

    @Test
    @Order(2)
    void gatewayHealthShowsEveryDownstreamUp() throws Exception {
        JsonNode health = getJson("/actuator/health").body;
        JsonNode downstream = health.path("components").path("downstream").path("components");
        for (String id : new String[] {"preprocessing", "inference", "postprocessing", "data-shard"}) {
            assertThat(downstream.path(id).path("status").asString()).as(id).isEqualTo("UP");
        }
    }

    static final String READING = """
            {"readings":[{"timestamp":"2026-01-01T00:00:00Z","machineType":"M","sensors":{
              "air_temperature":{"value":25.0,"unit":"degC"},"process_temperature":{"value":308.6,"unit":"K"},
              "rotational_speed":{"value":1551,"unit":"rpm"},"torque":{"value":42.8,"unit":"Nm"},
              "tool_wear":{"value":0,"unit":"min"}}}]}""";

    @Test
    @Order(3)
    void requestsPassThroughTheGatewayIntoEachService() throws Exception {
        Response server = getJson("/v2");
        assertThat(server.status).isEqualTo(200);
        assertThat(server.body.path("name").asString()).isEqualTo("edge-ai-inference");
        assertThat(getJson("/v2/models/ai4i-failure/ready").status).isEqualTo(200);

        Response placement = getJson("/api/v1/shards/devices/mill-01");
        assertThat(placement.status).isEqualTo(200);
        assertThat(placement.body.path("shard").asInt()).isEqualTo(13);

        Response valid = postJson("/api/v1/preprocessing/validate",
                READING.replace("{\"timestamp\"", "{\"deviceId\":\"mill-01\",\"timestamp\""));
        assertThat(valid.status).as(valid.body.toString()).isEqualTo(200);

        assertThat(getJson("/api/v1/postprocessing/alerts").status).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theReadingsPipelineScoresStoresAndAnswers() throws Exception {
        Response ingested = postJson("/api/v1/devices/mill-01/readings", READING);
        assertThat(ingested.status).as(ingested.body.toString()).isEqualTo(200);
        assertThat(ingested.body.path("model").asString()).isEqualTo("ai4i-failure");
        assertThat(ingested.body.path("storage").asString()).isIn("STORED", "SPOOLED");
        JsonNode result = ingested.body.path("results").path(0);
        assertThat(result.path("status").asString()).isIn("NORMAL", "WARNING", "FAILURE_PREDICTED");
        assertThat(result.path("probabilities").size()).isEqualTo(6);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response history = getJson("/api/v1/devices/mill-01/history");
            assertThat(history.status).isEqualTo(200);
            assertThat(history.body.path("items").path(0).path("timestamp").asString())
                    .isEqualTo("2026-01-01T00:00:00Z");
        });
    }

    @Test
    @Order(4)
    void badInputIsA4xxProblemNamingTheField() throws Exception {
        Response invalid = postJson("/api/v1/devices/mill-01/readings",
                READING.replace("\"value\":42.8", "\"value\":-1e9"));
        assertThat(invalid.status).isEqualTo(422);
        assertThat(invalid.contentType).startsWith("application/problem+json");
        assertThat(invalid.body.toString()).contains("readings[0].sensors.torque");
    }

    @Test
    @Order(5)
    void aBurstOfReadsAndReadingsFromManyClientsGetsNo5xx() throws Exception {
        // Issue 14: 400 GETs at once on /v2 got 503s on a busy box with every service up. Here they come with 200
        // single readings of 200 devices, all at once, each on its own connection.
        String key = edge.demoKey("operator");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        HttpClient burst = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 400; i++) {
            calls.add(burst.sendAsync(HttpRequest.newBuilder(URI.create(edge.gateway() + "/v2/models/ai4i-failure"))
                    .header("X-API-Key", key).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 200; i++) {
            String device = String.format("burst-%03d", i);
            calls.add(burst.sendAsync(HttpRequest.newBuilder(URI.create(edge.gateway() + "/api/v1/devices/" + device
                            + "/readings")).header("X-API-Key", key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(READING)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(90, TimeUnit.SECONDS);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                serverErrors.add(response.statusCode() + " " + response.uri().getPath() + " " + response.body());
            }
        }
        System.out.println("burst of 600 requests: " + statuses);
        assertThat(serverErrors).as("5xx answers in %s", statuses).isEmpty();
        assertThat(statuses).containsOnlyKeys(200);
    }

    @Test
    @Order(6)
    void onlyTheGatewayIsOpenToCallersWithoutCredentials() throws Exception {
        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway() + "/v2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);

        String shard = "http://localhost:" + edge.port("data-shard-service");
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(
                URI.create(shard + "/api/v1/shards/devices/mill-01")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).as("internal service called without the internal credential").isEqualTo(401);

        Response viewerWrite = sendRaw(HttpRequest.newBuilder(URI.create(edge.gateway() + "/api/v1/postprocessing/decisions"))
                .header("X-API-Key", edge.demoKey("viewer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(viewerWrite.status).isEqualTo(403);
    }

    @Test
    @Order(7)
    void aKilledServiceIsReportedDownAndItsRoutesAnswer503AtOnce() throws Exception {
        ProcessHandle postprocessing = ProcessHandle.of(edge.pid("postprocessing-service")).orElseThrow();
        postprocessing.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !postprocessing.isAlive());

        JsonNode health = getJson("/actuator/health").body;
        assertThat(health.path("components").path("downstream").path("components").path("postprocessing")
                .path("status").asString()).isEqualTo("DOWN");

        long start = System.nanoTime();
        Response routed = getJson("/api/v1/postprocessing/alerts");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(routed.status).isEqualTo(503);
        assertThat(routed.contentType).startsWith("application/problem+json");
        assertThat(routed.body.path("service").asString()).isEqualTo("postprocessing");
        assertThat(millis).as("503 answered within a second").isLessThan(1000);

        // The other routes keep working; the pipeline, which needs postprocessing, refuses readings with 503.
        assertThat(getJson("/v2").status).isEqualTo(200);
        Response pipeline = postJson("/api/v1/devices/mill-01/readings", READING);
        assertThat(pipeline.status).isEqualTo(503);
        assertThat(pipeline.body.path("service").asString()).isEqualTo("postprocessing");
    }

    @Test
    @Order(8)
    void downStopsEveryProcessItStarted() throws Exception {
        long[] pids = new long[EdgeLauncher.SERVICES.length];
        for (int i = 0; i < pids.length; i++) {
            pids[i] = edge.pid(EdgeLauncher.SERVICES[i]);
        }
        edge.run("down", Duration.ofMinutes(1));
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
        assertThat(edge.run("status", Duration.ofSeconds(30))).doesNotContain(" UP");
    }

    record Response(int status, String contentType, JsonNode body) {
    }

    static Response getJson(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(edge.gateway() + path)).GET());
    }

    static Response postJson(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(edge.gateway() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return sendRaw(request.header("X-API-Key", edge.demoKey("operator")));
    }

    static Response sendRaw(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
    }
}

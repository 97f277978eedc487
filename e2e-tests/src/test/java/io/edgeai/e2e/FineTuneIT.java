package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training on site through the gateway, on the suite {@code ./edge up} starts. (a) A new product type whose sensors
 * run hotter, where heat failures follow a rule version 1 never saw, is ingested through the readings pipeline with
 * operator feedback; fine-tuning (admin only) produces version 2, which beats version 1 on that data and is
 * promoted, so the pipeline scores with it; a candidate trained on shuffled labels is refused with a reason; a
 * rollback to version 1 reaches the pipeline. (b) A CSV of a pump, with its own column names and a three-valued
 * status column, trains a new model that then answers readings through the pipeline ({@code "model"} in the body).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FineTuneIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String MODEL = "ai4i-failure";
    static final List<String> HOT_DEVICES = List.of("hot-01", "hot-02", "hot-03", "hot-04");

    static EdgeLauncher edge;
    static String operator;
    static String admin;
    static String viewer;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-finetune"));
        edge.run("up", Duration.ofMinutes(4));
        operator = edge.demoKey("operator");
        admin = edge.demoKey("admin");
        viewer = edge.demoKey("viewer");
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    // ------------------------------------------------------------------ (a) drift, fine-tune, gate, rollback

    /** A machine of the new, hotter product type: true when the heat rule says it fails (HDF). */
    record HotReading(double air, double process, double rpm, double torque, double wear) {
        boolean fails() {
            return process > 316.0;
        }

        String json(String timestamp) {
            return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"machineType\":\"H\",\"sensors\":{"
                    + "\"air_temperature\":{\"value\":%.2f,\"unit\":\"K\"},"
                    + "\"process_temperature\":{\"value\":%.2f,\"unit\":\"K\"},"
                    + "\"rotational_speed\":{\"value\":%.0f,\"unit\":\"rpm\"},"
                    + "\"torque\":{\"value\":%.1f,\"unit\":\"Nm\"},"
                    + "\"tool_wear\":{\"value\":%.0f,\"unit\":\"min\"}}}", timestamp, air, process, rpm, torque, wear);
        }
    }

    /** Hotter sensors: air about 305 K (AI4I: 300), process about 315 K (AI4I: 310); a failure above 316 K. */
    static List<HotReading> hotReadings(int n, long seed) {
        Random random = new Random(seed);
        List<HotReading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double air = 305 + random.nextGaussian();
            double process = air + 10.2 + 0.4 * random.nextGaussian();
            out.add(new HotReading(air, process, 1400 + 300 * random.nextDouble(), 30 + 20 * random.nextDouble(),
                    150 * random.nextDouble()));
        }
        return out;
    }

    @Test
    @Order(1)
    void onlyTheAdminMayFineTune() throws Exception {
        for (String key : List.of(viewer, operator)) {
            Response refused = send("POST", "/v2/models/" + MODEL + "/finetune", key, "{\"epochs\":1}");
            assertThat(refused.status).as(refused.body.toString()).isEqualTo(403);
            assertThat(send("POST", "/v2/models/" + MODEL + "/versions/1/promote", key, "").status).isEqualTo(403);
            assertThat(send("POST", "/v2/repository/models/pump-health/train", key, "a,b\n1,2\n").status)
                    .isEqualTo(403);
        }
    }

    @Test
    @Order(2)
    void driftedDataWithFeedbackFineTunesAVersionThatBeatsTheOldOneAndIsPromoted() throws Exception {
        // 1. the hot machines' readings go through the pipeline, and an operator says what really happened
        List<HotReading> data = hotReadings(320, 7);
        int perDevice = data.size() / HOT_DEVICES.size();
        int v1Right = 0;
        int feedback = 0;
        for (int d = 0; d < HOT_DEVICES.size(); d++) {
            String device = HOT_DEVICES.get(d);
            for (int from = 0; from < perDevice; from += 40) {
                List<HotReading> batch = data.subList(d * perDevice + from, d * perDevice + from + 40);
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    bodies.add(batch.get(i).json(timestamp(from + i)));
                }
                Response ingested = ingest(device, "{\"readings\":[" + String.join(",", bodies) + "]}");
                assertThat(ingested.status).as(ingested.body.toString()).isEqualTo(200);
                assertThat(ingested.body.path("modelVersion").asString()).isEqualTo("1");
                for (int i = 0; i < batch.size(); i++) {
                    JsonNode result = ingested.body.path("results").path(i);
                    boolean truth = batch.get(i).fails();
                    boolean called = "FAILURE_PREDICTED".equals(result.path("status").asString());
                    v1Right += truth == called ? 1 : 0;
                    // A right NORMAL call is sent with its actual mode ("none") rather than correct=true: data-shard's
                    // export takes a confirmed prediction's class as the argmax of its failure probabilities, which is
                    // a failure mode even for a NORMAL prediction, and would label a healthy reading as a failure.
                    boolean correct = truth && called;
                    String body = "{\"id\":\"fb-" + device + "-" + (from + i) + "\",\"predictionId\":\""
                            + result.path("predictionId").asString() + "\",\"deviceId\":\"" + device
                            + "\",\"correct\":" + correct
                            + (correct ? "" : ",\"actualFailureMode\":\"" + (truth ? "HDF" : "none") + "\"")
                            + ",\"by\":\"olga\"}";
                    // the pipeline answers once the batch is on the gateway's spool; data-shard may get it a moment
                    // later, and feedback on a prediction it does not hold yet is a 404
                    Response[] stored = new Response[1];
                    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        stored[0] = send("POST", "/api/v1/feedback", operator, body);
                        return stored[0].status != 404;
                    });
                    assertThat(stored[0].status).as(stored[0].body.toString()).isIn(200, 201);
                    feedback++;
                }
            }
        }
        assertThat(feedback).isEqualTo(320);
        long faults = data.stream().filter(HotReading::fails).count();
        assertThat(faults).as("the drifted data has failures to learn").isBetween(40L, 160L);
        // version 1 does not know the hot product type: it misses most of its failures
        assertThat((double) v1Right / data.size()).as("version 1 accuracy on the hot machines").isLessThan(0.9);

        // new hot readings, not used for training, scored by version 1 (another device: no feedback, so no labels)
        List<HotReading> fresh = hotReadings(80, 99);
        int v1FreshRight = right(ingest("hot-eval-1", readingsOf(fresh)), fresh);

        // 2. fine-tune from the stored history, admin key, through the gateway
        Response started = send("POST", "/v2/models/" + MODEL + "/finetune", admin,
                "{\"devices\":" + JSON.writeValueAsString(HOT_DEVICES)
                        + ",\"epochs\":30,\"learningRate\":0.01,\"seed\":42}");
        assertThat(started.status).as(started.body.toString()).isEqualTo(202);
        JsonNode job = awaitJob(started.body.path("id").asString());
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        JsonNode outcome = job.path("outcome");
        assertThat(outcome.path("decision").asString()).as(outcome.toString()).isEqualTo("PROMOTED");
        assertThat(outcome.path("candidate").path("f1").asDouble()).as(outcome.toString())
                .isGreaterThan(outcome.path("current").path("f1").asDouble());
        assertThat(outcome.path("candidate").path("f1").asDouble()).isGreaterThan(0.7);
        assertThat(outcome.path("reason").asString()).contains("not worse");
        assertThat(outcome.path("candidateVersion").asLong()).isEqualTo(2L);

        // 3. the pipeline now scores with version 2, and on the new hot readings it is right more often than version 1
        Response config = send("GET", "/v2/models/" + MODEL + "/config", viewer, null);
        assertThat(config.status).isEqualTo(200);
        assertThat(config.body.toString()).contains("comparison");
        // At once: preprocessing may still have version 1 cached, which inference has unloaded; the gateway sees
        // the 404 and asks preprocessing to re-check the served version, so no reading fails in that window.
        Response probe = ingest("hot-probe", "{\"readings\":[" + fresh.get(0).json(Instant.now().toString()) + "]}");
        assertThat(probe.status).as(probe.body.toString()).isEqualTo(200);
        assertThat(probe.body.path("modelVersion").asString()).isEqualTo("2");
        int v2Right = right(ingest("hot-eval-2", readingsOf(fresh)), fresh);
        assertThat(v2Right).as("right calls of version 2 on 80 new hot readings, version 1: %d", v1FreshRight)
                .isGreaterThan(v1FreshRight);
    }

    @Test
    @Order(3)
    void aCandidateTrainedOnShuffledLabelsIsRefusedWithAReason() throws Exception {
        Response started = send("POST", "/v2/models/" + MODEL + "/finetune", admin,
                "{\"devices\":" + JSON.writeValueAsString(HOT_DEVICES) + ",\"epochs\":10,\"shuffleLabels\":true}");
        assertThat(started.status).as(started.body.toString()).isEqualTo(202);
        JsonNode job = awaitJob(started.body.path("id").asString());
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.path("outcome").path("decision").asString()).as(job.toString()).isEqualTo("REFUSED");
        assertThat(job.path("outcome").path("reason").asString()).isNotBlank().contains("version 2");
        assertThat(ingest("hot-probe", "{\"readings\":[" + hotReadings(1, 5).get(0).json(Instant.now().toString())
                + "]}").body.path("modelVersion").asString()).isEqualTo("2");
    }

    @Test
    @Order(4)
    void rollbackToVersionOneReachesThePipeline() throws Exception {
        Response promoted = send("POST", "/v2/models/" + MODEL + "/versions/1/promote", admin, "");
        assertThat(promoted.status).as(promoted.body.toString()).isEqualTo(200);
        // at once, as after the promotion of version 2
        Response probe = ingest("hot-probe", "{\"readings\":[" + hotReadings(1, 6).get(0).json(Instant.now().toString())
                + "]}");
        assertThat(probe.status).as(probe.body.toString()).isEqualTo(200);
        assertThat(probe.body.path("modelVersion").asString()).isEqualTo("1");
        assertThat(send("POST", "/v2/models/" + MODEL + "/versions/9/promote", admin, "").status).isEqualTo(404);
    }

    // ------------------------------------------------------------------ (b) a new model from a CSV

    /** The pump's rule: LEAK when flow is low and the pump runs quietly, BLOCKED when it shakes and runs hot. */
    static String pumpStatus(double temp, double vibration, double flow) {
        if (flow < 20 && vibration < 3.5) {
            return "LEAK";
        }
        if (vibration > 6 && temp > 70) {
            return "BLOCKED";
        }
        return "OK";
    }

    @Test
    @Order(5)
    void aPumpCsvTrainsANewModelThatAnswersReadingsThroughThePipeline() throws Exception {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("unit_id,ts,bearing_temp_c,vibration_mm_s,flow_l_min,status\n");
        for (int i = 0; i < 600; i++) {
            double temp = 40 + 60 * random.nextDouble();
            double vibration = 0.5 + 8.5 * random.nextDouble();
            double flow = 5 + 55 * random.nextDouble();
            csv.append(String.format(Locale.ROOT, "P%02d,2026-05-01T%02d:%02d:%02dZ,%.1f,%.2f,%.1f,%s%n", i % 12,
                    i / 3600, i / 60 % 60, i % 60, temp, vibration, flow, pumpStatus(temp, vibration, flow)));
        }
        String mapping = """
                {"features": [{"column": "bearing_temp_c", "name": "bearing_temperature", "unit": "degC"},
                              {"column": "vibration_mm_s"}, {"column": "flow_l_min"}],
                 "label": {"column": "status", "faultValues": ["LEAK", "BLOCKED"], "multiclass": true},
                 "group": "unit_id", "time": "ts", "epochs": 40, "learningRate": 0.01, "seed": 42}""";
        Response trained = send("POST", "/v2/repository/models/pump-health/train?mapping="
                + URLEncoder.encode(mapping, StandardCharsets.UTF_8), admin, csv.toString(), "text/csv");
        assertThat(trained.status).as(trained.body.toString()).isEqualTo(201);
        assertThat(trained.body.path("version").asString()).isEqualTo("1");
        JsonNode config = send("GET", "/v2/models/pump-health/config", viewer, null).body;
        assertThat(config.toString()).contains("bearing_temperature", "LEAK", "BLOCKED", "evaluation");

        // readings of the pump, scored by the new model through the whole pipeline
        String ok = pump(Instant.now().minusSeconds(3), 55, 1.5, 45);
        String leak = pump(Instant.now().minusSeconds(2), 55, 1.5, 8);
        String blocked = pump(Instant.now().minusSeconds(1), 90, 8.5, 40);
        Response scored = ingest("pump-01", "{\"model\":\"pump-health\",\"readings\":[" + ok + "," + leak + ","
                + blocked + "]}");
        assertThat(scored.status).as(scored.body.toString()).isEqualTo(200);
        assertThat(scored.body.path("model").asString()).isEqualTo("pump-health");
        assertThat(scored.body.path("modelVersion").asString()).isEqualTo("1");
        JsonNode results = scored.body.path("results");
        assertThat(results.path(0).path("probabilities").has("LEAK")).as(results.toString()).isTrue();
        assertThat(results.path(0).path("status").asString()).as(results.toString()).isEqualTo("NORMAL");
        assertThat(results.path(1).path("status").asString()).as(results.toString()).isNotEqualTo("NORMAL");
        assertThat(results.path(1).path("probabilities").path("LEAK").asDouble())
                .isGreaterThan(results.path(1).path("probabilities").path("BLOCKED").asDouble());
        assertThat(results.path(2).path("status").asString()).as(results.toString()).isNotEqualTo("NORMAL");
        assertThat(results.path(2).path("probabilities").path("BLOCKED").asDouble())
                .isGreaterThan(results.path(2).path("probabilities").path("LEAK").asDouble());

        // the query parameter names the model too
        Response byQuery = send("POST", "/api/v1/devices/pump-02/readings?model=pump-health", operator,
                pump(Instant.now(), 50, 2, 40));
        assertThat(byQuery.status).as(byQuery.body.toString()).isEqualTo(200);
        assertThat(byQuery.body.path("model").asString()).isEqualTo("pump-health");

        // bad pump readings are refused with 422 naming the field
        Response unknown = ingest("pump-01", "{\"model\":\"pump-health\",\"readings\":[" + pump(Instant.now(), 50, 2,
                40).replace("\"flow_l_min\"", "\"torque\":{\"value\":3},\"flow_l_min\"") + "]}");
        assertThat(unknown.status).as(unknown.body.toString()).isEqualTo(422);
        assertThat(unknown.body.toString()).contains("readings[0].sensors.torque");
        Response text = ingest("pump-01", "{\"model\":\"pump-health\",\"readings\":[" + pump(Instant.now(), 50, 2, 40)
                .replace("\"value\":2.00", "\"value\":\"high\"") + "]}");
        assertThat(text.status).as(text.body.toString()).isIn(400, 422);
        assertThat(text.body.toString()).contains("vibration_mm_s");
        // an AI4I reading is not a pump reading
        Response mill = ingest("pump-01", "{\"model\":\"pump-health\",\"readings\":["
                + hotReadings(1, 3).get(0).json(Instant.now().toString()) + "]}");
        assertThat(mill.status).isEqualTo(422);
        assertThat(mill.body.toString()).contains("readings[0].sensors.bearing_temperature");
    }

    static String pump(Instant at, double temp, double vibration, double flow) {
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"sensors\":{"
                + "\"bearing_temperature\":{\"value\":%.1f,\"unit\":\"degC\"},\"vibration_mm_s\":{\"value\":%.2f},"
                + "\"flow_l_min\":{\"value\":%.1f}}}", at, temp, vibration, flow);
    }

    // ------------------------------------------------------------------ helpers

    static String timestamp(int second) {
        return Instant.parse("2026-06-01T00:00:00Z").plusSeconds(second).toString();
    }

    static String readingsOf(List<HotReading> readings) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            bodies.add(readings.get(i).json(timestamp(i)));
        }
        return "{\"readings\":[" + String.join(",", bodies) + "]}";
    }

    static int right(Response scored, List<HotReading> readings) {
        assertThat(scored.status).as(scored.body.toString()).isEqualTo(200);
        int right = 0;
        for (int i = 0; i < readings.size(); i++) {
            boolean called = "FAILURE_PREDICTED".equals(scored.body.path("results").path(i).path("status").asString());
            right += called == readings.get(i).fails() ? 1 : 0;
        }
        return right;
    }

    static JsonNode awaitJob(String id) {
        assertThat(id).isNotBlank();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = send("GET", "/v2/models/" + MODEL + "/finetune/" + id, admin, null).body;
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(last[0].path("state").asString());
        });
        return last[0];
    }

    static Response ingest(String device, String body) throws IOException, InterruptedException {
        return send("POST", "/api/v1/devices/" + device + "/readings", operator, body);
    }

    record Response(int status, JsonNode body) {
    }

    static Response send(String method, String path, String key, String body) throws IOException, InterruptedException {
        return send(method, path, key, body, "application/json");
    }

    static Response send(String method, String path, String key, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.gateway() + path))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode json;
        try {
            json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (RuntimeException e) {
            json = JSON.createObjectNode().put("raw", text);
        }
        return new Response(response.statusCode(), json);
    }
}

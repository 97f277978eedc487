package io.edgeai.datashard;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.datashard.TestHttp.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The REST API as a client sees it, on instance 0 of 2 (so it owns the even shards and refuses the odd ones), end
 * to end over HTTP. Each controller's refusals are in its slice test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageApiTest extends TwoInstanceShards {

    @LocalServerPort
    int port;

    TestHttp http;

    static final String MINE = mine(0);
    static int counter;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    static String unique(String prefix) {
        return prefix + "-" + (++counter) + "-" + System.nanoTime();
    }

    static Map<String, Object> reading(String device, String time, double torque) {
        return Map.of("deviceId", device, "timestamp", time, "machineType", "M",
                "sensors", Map.of("torque", Map.of("value", torque, "unit", "Nm"),
                        "rpm", Map.of("value", 1500.0)));
    }

    static Map<String, Object> prediction(String device, String time, double failure) {
        return Map.of("deviceId", device, "timestamp", time, "model", "ai4i-failure", "version", "3",
                "probabilities", Map.of("none", 1 - failure, "TWF", failure),
                "status", failure > 0.5 ? "FAILURE" : "OK");
    }

    static String at(int minute, int second) {
        return String.format("2026-11-28T%02d:%02d:%02dZ", 10 + minute / 60, minute % 60, second);
    }

    @Test
    void aBatchIsStoredOnceAndReadBackAsPagedHistory() {
        String device = mine(5);
        List<Object> readings = new ArrayList<>();
        List<Object> predictions = new ArrayList<>();
        for (int s = 0; s < 25; s++) {
            readings.add(reading(device, at(0, s), 40 + s));
            predictions.add(prediction(device, at(0, s), s == 24 ? 0.9 : 0.1));
        }
        // A float32 softmax widened to double: a hair above 1 is still a probability.
        predictions.set(0, Map.of("deviceId", device, "timestamp", at(0, 0), "model", "ai4i-failure",
                "version", "3", "probabilities", Map.of("none", 1.0000000298023224, "TWF", 0.0), "status", "OK"));
        Map<String, Object> batch = Map.of("batchId", unique("b"), "readings", readings,
                "predictions", predictions);
        Answer first = http.post("/api/v1/storage/batches", batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("readings").asInt()).isEqualTo(25);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();

        Answer retry = http.post("/api/v1/storage/batches", batch);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().get("readings").asInt()).isZero();

        JsonNode page0 = http.get("/api/v1/devices/" + device + "/history?size=10").json();
        assertThat(page0.get("items")).hasSize(10);
        assertThat(page0.get("hasMore").asBoolean()).isTrue();
        assertThat(page0.get("shard").asInt()).isEqualTo(ShardFunction.shardOf(device, 16));
        JsonNode newest = page0.get("items").get(0);
        assertThat(newest.get("timestamp").asString()).isEqualTo(at(0, 24));
        assertThat(newest.get("sensors").get("torque").get("value").asDouble()).isEqualTo(64.0);
        assertThat(newest.get("predictions").get(0).get("status").asString()).isEqualTo("FAILURE");

        JsonNode page2 = http.get("/api/v1/devices/" + device + "/history?size=10&page=2").json();
        assertThat(page2.get("items")).hasSize(5);
        assertThat(page2.get("hasMore").asBoolean()).isFalse();

        JsonNode window = http.get("/api/v1/devices/" + device + "/history?from=" + at(0, 5) + "&to=" + at(0, 8)
                + "&order=asc").json();
        assertThat(window.get("items")).extracting(n -> n.get("timestamp").asString())
                .containsExactly(at(0, 5), at(0, 6), at(0, 7));

        JsonNode status = http.get("/api/v1/devices/status").json();
        assertThat(status.get("shards")).extracting(JsonNode::asInt).allMatch(s -> s % 2 == 0);
        JsonNode mine = null;
        for (JsonNode item : status.get("items")) {
            if (item.get("deviceId").asString().equals(device)) {
                mine = item;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("status").asString()).isEqualTo("FAILURE");
        assertThat(mine.get("predictedClass").asString()).isEqualTo("TWF");
        assertThat(mine.get("version").asString()).isEqualTo("3");
    }

    @Test
    void aRemainingUsefulLifeIsStoredInItsColumnAndReadBackWithItsPrediction() {
        String device = mine(11);
        Map<String, Object> rul = Map.of("deviceId", device, "timestamp", at(8, 0), "model", "engines-rul",
                "version", "1", "probabilities", Map.of("rul", 87.5, "rul_lower", 75.0, "rul_upper", 97.5),
                "status", "NORMAL");
        Answer stored = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "readings", List.of(reading(device, at(8, 0), 40)), "predictions", List.of(rul)));
        assertThat(stored.status()).as(stored.json().toString()).isEqualTo(200);

        JsonNode p = http.get("/api/v1/devices/" + device + "/history").json().get("items").get(0)
                .get("predictions").get(0);
        assertThat(p.get("rul").asDouble()).isEqualTo(87.5);
        assertThat(p.get("probabilities").get("rul_upper").asDouble()).isEqualTo(97.5);

        Answer negative = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "readings", List.of(reading(device, at(8, 1), 40)), "predictions", List.of(Map.of("deviceId", device,
                        "timestamp", at(8, 1), "model", "engines-rul", "version", "1",
                        "probabilities", Map.of("rul", -1.0), "status", "NORMAL"))));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().toString()).contains("predictions[0].probabilities.rul");
    }

    @Test
    void aBatchIdReusedWithOtherContentIsRefused() {
        String id = unique("b");
        assertThat(http.post("/api/v1/storage/batches",
                Map.of("batchId", id, "readings", List.of(reading(MINE, at(1, 0), 1)))).status()).isEqualTo(200);
        Answer reused = http.post("/api/v1/storage/batches",
                Map.of("batchId", id, "readings", List.of(reading(MINE, at(1, 1), 2))));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("errors").get(0).get("field").asString()).isEqualTo("batchId");
        assertThat(http.get("/api/v1/devices/" + MINE + "/history?from=" + at(1, 1) + "&to=" + at(1, 2))
                .json().get("items")).isEmpty();
    }

    @Test
    void alertEventsAreReadInTheContractShapeAndInTheShapeOlderSpoolsHold() {
        String device = mine(9);
        String alertId = device + ":TWF:" + at(6, 0);
        // The gateway now sends edge-contracts' AlertEvent (event, mode, and postprocessing's extra fields) ...
        Answer raised = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "alerts", List.of(Map.of("alertId", alertId, "deviceId", device, "timestamp", at(6, 0),
                        "event", "RAISED", "severity", "CRITICAL", "mode", "TWF", "probability", 0.97,
                        "threshold", 0.5, "modelName", "ai4i-failure", "modelVersion", "1"))));
        assertThat(raised.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/alerts?state=open&deviceId=" + device).json().get("items")).singleElement()
                .satisfies(a -> assertThat(a.get("failureMode").asString()).isEqualTo("TWF"));
        // ... while batches spooled by an older gateway still say type and failureMode.
        Answer cleared = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "alerts", List.of(Map.of("alertId", alertId, "deviceId", device, "timestamp", at(6, 9),
                        "type", "CLEARED", "failureMode", "TWF"))));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/alerts?state=open&deviceId=" + device).json().get("items")).isEmpty();

        Answer unknown = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "alerts", List.of(Map.of("alertId", alertId, "deviceId", device, "timestamp", at(6, 10),
                        "event", "OPENED", "mode", "TWF"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("alerts[0].event");
    }

    @Test
    void alertsCanBeListedAndAcknowledgedAndFeedBackLabelsTheExport() {
        String device = mine(7);
        // As post-processing builds alert ids: device, failure mode and the raising reading's time.
        String alertId = device + ":HDF:" + at(4, 2).replace("Z", ".123456789Z");
        Answer stored = http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "readings", List.of(reading(device, at(4, 0), 10), reading(device, at(4, 1), 11),
                        reading(device, at(4, 2), 12)),
                "predictions", List.of(prediction(device, at(4, 0), 0.8), prediction(device, at(4, 1), 0.2)),
                "alerts", List.of(Map.of("alertId", alertId, "deviceId", device, "timestamp", at(4, 2),
                        "type", "RAISED", "severity", "critical", "failureMode", "HDF"))));
        assertThat(stored.status()).isEqualTo(200);

        JsonNode open = http.get("/api/v1/alerts?state=open&deviceId=" + device).json();
        assertThat(open.get("items")).singleElement()
                .satisfies(a -> assertThat(a.get("state").asString()).isEqualTo("OPEN"));

        Answer ack = http.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("by", "olga"));
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(http.get("/api/v1/alerts?state=unacknowledged&deviceId=" + device).json().get("items")).isEmpty();
        assertThat(http.post("/api/v1/alerts/nope/acknowledge", Map.of("by", "olga")).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of()).json().get("errors").get(0)
                .get("field").asString()).isEqualTo("by");

        String predictionId = device + "@" + at(4, 0) + "/ai4i-failure/3";
        Answer feedback = http.post("/api/v1/feedback", Map.of("id", unique("fb"), "predictionId", predictionId,
                "deviceId", device, "correct", false, "actualFailureMode", "none", "by", "olga"));
        assertThat(feedback.status()).isEqualTo(201);
        Answer missingMode = http.post("/api/v1/feedback", Map.of("predictionId", predictionId,
                "deviceId", device, "correct", false, "by", "olga"));
        assertThat(missingMode.status()).isEqualTo(400);
        assertThat(missingMode.json().get("errors").get(0).get("field").asString()).isEqualTo("actualFailureMode");
        assertThat(http.post("/api/v1/feedback", Map.of("predictionId", "nope", "deviceId", device,
                "correct", true, "by", "olga")).status()).isEqualTo(404);

        Answer csv = http.get("/api/v1/export/labelled?deviceId=" + device);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).containsExactly(
                "device_id,timestamp,machine_type,rpm,torque,label,label_source,label_ref",
                device + "," + at(4, 0) + ",M,1500.0,10.0,none,feedback," + feedback.json().get("feedback")
                        .get("feedbackId").asString(),
                device + "," + at(4, 2) + ",M,1500.0,12.0,HDF,alert," + alertId);
        Answer fixedColumns = http.get("/api/v1/export/labelled?deviceId=" + device + "&sensors=torque&from="
                + at(4, 1));
        assertThat(fixedColumns.body().lines()).containsExactly(
                "device_id,timestamp,machine_type,torque,label,label_source,label_ref",
                device + "," + at(4, 2) + ",M,12.0,HDF,alert," + alertId);
    }

    @Test
    void healthShowsEachOwnedShardAndMetricsCountWrites() {
        http.post("/api/v1/storage/batches", Map.of("batchId", unique("b"),
                "readings", List.of(reading(MINE, at(5, 0), 1))));
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode shards = health.get("components").get("shards").get("details");
        assertThat(shards.propertyNames()).hasSize(8).contains("shard-00", "shard-14");
        String prometheus = http.get("/actuator/prometheus").body();
        String shard = String.format("%02d", ShardFunction.shardOf(MINE, 16));
        assertThat(prometheus).contains("edge_shard_rows_written_total{", "edge_shard_write_seconds_count{",
                "edge_shard_rows{", "shard=\"" + shard + "\"");
        assertThat(http.get("/api/v1/shards").json().get("ownedShards")).hasSize(8);
    }
}

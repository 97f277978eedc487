package io.edgeai.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.modelclient.testsupport.RunningServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Every rule of preprocessing, through the HTTP API, against a stand-in inference-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.preprocessing.max-batch-size=50",
        "edge.preprocessing.max-devices=4",
        "edge.preprocessing.spec-refresh=100ms"})
class PreprocessingApiTest extends RunningServiceTest {

    static final FeatureSpec FITTED = Fixtures.fittedAi4iSpec();

    @BeforeAll
    static void models() {
        INFERENCE.serve("ai4i-failure", "1", Fixtures.modelJson("ai4i-failure", "1", FITTED));
        INFERENCE.serve("windowed", "1", Fixtures.modelJson("windowed", "1", Fixtures.windowedSpec()));
    }

    @Autowired
    MeterRegistry meters;

    ResponseEntity<JsonNode> post(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JsonNode.class);
    }

    ResponseEntity<Features> features(String json) {
        return http.post().uri("/api/v1/preprocessing/features").contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(Features.class);
    }

    static String reading(String device, Instant at, String type, Object[] row) {
        return """
                {"deviceId":"%s","timestamp":"%s","machineType":"%s","sensors":{
                 "air_temperature":{"value":%s,"unit":"K"},"process_temperature":{"value":%s,"unit":"K"},
                 "rotational_speed":{"value":%s,"unit":"rpm"},"torque":{"value":%s,"unit":"Nm"},
                 "tool_wear":{"value":%s,"unit":"min"}}}""".formatted(device, at, type, row[1], row[2], row[3], row[4],
                row[5]);
    }

    static String torqueReading(String device, Instant at, double torque) {
        return """
                {"deviceId":"%s","timestamp":"%s","sensors":{"torque":{"value":%s,"unit":"Nm"}}}"""
                .formatted(device, at, torque);
    }

    static String batch(String model, List<String> readings) {
        return "{\"model\":\"" + model + "\",\"readings\":[" + String.join(",", readings) + "]}";
    }

    @Test
    void servingProducesExactlyTheFeaturesTrainingProduced() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < Fixtures.AI4I_ROWS.length; i++) {
            Object[] row = Fixtures.AI4I_ROWS[i];
            readings.add(reading("eq-" + i, t0.plusSeconds(i), (String) row[0], row));
        }
        ResponseEntity<Features> response = features(batch("ai4i-failure", readings));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Features body = response.getBody();
        assertThat(body.modelName()).isEqualTo("ai4i-failure");
        assertThat(body.modelVersion()).isEqualTo("1");
        assertThat(body.featureNames()).isEqualTo(FITTED.featureNames());
        Features.Input input = body.inferenceRequest().inputs().get(0);
        assertThat(input.name()).isEqualTo("features");
        assertThat(input.datatype()).isEqualTo("FP32");
        assertThat(input.shape()).containsExactly(12, 11);
        // the trainer's path: raw + fit (in Fixtures) + normalise, with the same FeatureEncoder
        FeatureEncoder trainer = new FeatureEncoder(FITTED);
        for (int i = 0; i < Fixtures.AI4I_ROWS.length; i++) {
            Object[] row = Fixtures.AI4I_ROWS[i];
            float[] expected = trainer.normalize(trainer.raw(Fixtures.sensors(row),
                    Map.of("machine_type", (String) row[0]), null));
            float[] actual = new float[11];
            System.arraycopy(input.data(), i * 11, actual, 0, 11);
            assertThat(actual).as("row %d", i).containsExactly(expected);
        }
        assertThat(body.readings().get(3)).isEqualTo(new Features.Meta("eq-3", t0.plusSeconds(3), "L"));
    }

    @Test
    void acceptsASingleReadingAndConvertsUnits() {
        Object[] row = Fixtures.AI4I_ROWS[0];
        String inKelvin = reading("unit-1", Instant.parse("2026-01-01T00:00:00Z"), "M", row);
        String inCelsius = inKelvin.replace("\"value\":298.1,\"unit\":\"K\"", "\"value\":24.95,\"unit\":\"°C\"")
                .replace("\"value\":0.0,\"unit\":\"min\"", "\"value\":0,\"unit\":\"s\"");
        assertThat(inCelsius).contains("°C");
        float[] k = features("{\"reading\":" + inKelvin + "}").getBody().inferenceRequest().inputs().get(0).data();
        ResponseEntity<Features> c = features("{\"model\":\"ai4i-failure\",\"reading\":" + inCelsius + "}");
        assertThat(c.getStatusCode().value()).isEqualTo(200);
        float[] converted = c.getBody().inferenceRequest().inputs().get(0).data();
        assertThat(c.getBody().inferenceRequest().inputs().get(0).shape()).containsExactly(1, 11);
        for (int i = 0; i < k.length; i++) {
            assertThat(converted[i]).isCloseTo(k[i], within(1e-4f));
        }
    }

    @Test
    void rejectsABatchListingEveryBadFieldWithItsIndex() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Object[] ok = Fixtures.AI4I_ROWS[0];
        List<String> readings = List.of(
                reading("good", t0, "M", ok),
                reading("good", t0, "M", ok), // duplicate of [0]
                reading("", t0, "M", ok),
                reading("x".repeat(65), t0, "M", ok),
                reading("future", Instant.now().plus(Duration.ofHours(1)), "M", ok),
                reading("types", t0, "X", ok),
                reading("nan", t0, "M", ok).replace("\"value\":42.8", "\"value\":\"NaN\""),
                reading("inf", t0, "M", ok).replace("\"value\":42.8", "\"value\":\"Infinity\""),
                reading("range", t0, "M", ok).replace("\"value\":1551.0", "\"value\":99999"),
                reading("unit", t0, "M", ok).replace("\"unit\":\"rpm\"", "\"unit\":\"furlong\""),
                reading("unknown", t0, "M", ok).replace("\"sensors\":{", "\"sensors\":{\"humidity\":{\"value\":1},"),
                reading("missing", t0, "M", ok).replaceAll(",\\s*\"tool_wear\":\\{[^}]*}", ""),
                reading("wrong-dim", t0, "M", ok).replace("\"unit\":\"Nm\"", "\"unit\":\"K\""));

        ResponseEntity<JsonNode> response = post("/api/v1/preprocessing/features", batch("ai4i-failure", readings));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode body = response.getBody();
        assertThat(body.path("type").asString()).endsWith("/validation");
        List<String> fields = body.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder(
                "readings[1]",
                "readings[2].deviceId",
                "readings[3].deviceId",
                "readings[4].timestamp",
                "readings[5].machineType",
                "readings[6].sensors.torque.value",
                "readings[7].sensors.torque.value",
                "readings[8].sensors.rotational_speed.value",
                "readings[9].sensors.rotational_speed.unit",
                "readings[10].sensors.humidity",
                "readings[11].sensors.tool_wear",
                "readings[12].sensors.torque.unit");
        assertThat(body.path("errors").toString()).contains("duplicates readings[0]", "must be within [0.0, 4000.0]",
                "unknown unit 'furlong'", "is missing", "must be one of [L, M, H]");
    }

    @Test
    void validateEndpointAppliesTheSameRules() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ResponseEntity<JsonNode> ok = post("/api/v1/preprocessing/validate",
                batch("ai4i-failure", List.of(reading("v-1", t0, "L", Fixtures.AI4I_ROWS[1]))));
        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        assertThat(ok.getBody().path("accepted").asInt()).isEqualTo(1);
        ResponseEntity<JsonNode> bad = post("/api/v1/preprocessing/validate",
                "{\"reading\":" + reading("v-1", t0, "Z", Fixtures.AI4I_ROWS[1]) + "}");
        assertThat(bad.getStatusCode().value()).isEqualTo(422);
        assertThat(bad.getBody().path("errors").get(0).path("field").asString()).isEqualTo("reading.machineType");
    }

    @Test
    void refusesBatchesAboveTheMaximumAndEmptyOnes() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<String> readings = IntStream.range(0, 51)
                .mapToObj(i -> reading("big-" + i, t0, "L", Fixtures.AI4I_ROWS[1])).toList();
        ResponseEntity<JsonNode> tooMany = post("/api/v1/preprocessing/features", batch("ai4i-failure", readings));
        assertThat(tooMany.getStatusCode().value()).isEqualTo(422);
        assertThat(tooMany.getBody().path("errors").get(0).path("message").asString())
                .contains("at most 50 readings");
        ResponseEntity<JsonNode> empty = post("/api/v1/preprocessing/features", "{\"readings\":[]}");
        assertThat(empty.getStatusCode().value()).isEqualTo(422);
        assertThat(empty.getBody().path("errors").get(0).path("field").asString()).isEqualTo("readings");
    }

    @Test
    void malformedValuesGet400NamingTheField() {
        String json = batch("ai4i-failure", List.of(reading("m-1", Instant.parse("2026-01-01T00:00:00Z"), "L",
                Fixtures.AI4I_ROWS[1]).replace("2026-01-01T00:00:00Z", "yesterday")));
        ResponseEntity<JsonNode> response = post("/api/v1/preprocessing/features", json);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("errors").get(0).path("field").asString())
                .isEqualTo("readings[0].timestamp");
        ResponseEntity<JsonNode> notJson = post("/api/v1/preprocessing/features", "{\"readings\":[");
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);
        assertThat(notJson.getBody().path("errors").get(0).path("field").asString()).isNotBlank();
    }

    @Test
    void unknownModelsAndVersionsAreNamedAndAnUnreachableSpecIs503() {
        String one = "[" + reading("u-1", Instant.parse("2026-01-01T00:00:00Z"), "L", Fixtures.AI4I_ROWS[1]) + "]";
        ResponseEntity<JsonNode> model = post("/api/v1/preprocessing/features",
                "{\"model\":\"nope\",\"readings\":" + one + "}");
        assertThat(model.getStatusCode().value()).isEqualTo(422);
        assertThat(model.getBody().path("errors").get(0).path("field").asString()).isEqualTo("model");
        ResponseEntity<JsonNode> version = post("/api/v1/preprocessing/features",
                "{\"model\":\"ai4i-failure\",\"version\":\"9\",\"readings\":" + one + "}");
        assertThat(version.getStatusCode().value()).isEqualTo(422);
        assertThat(version.getBody().path("errors").get(0).path("field").asString()).isEqualTo("version");
        ResponseEntity<JsonNode> broken = post("/api/v1/preprocessing/features",
                "{\"model\":\"broken\",\"readings\":" + one + "}");
        assertThat(broken.getStatusCode().value()).isEqualTo(503);
        assertThat(broken.getBody().path("type").asString()).endsWith("/service-unavailable");
    }

    @Test
    void keepsARollingWindowPerDevice() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Features a = features(batch("windowed", List.of(torqueReading("win-a", t0, 40),
                torqueReading("win-b", t0, 100), torqueReading("win-a", t0.plusSeconds(1), 42)))).getBody();
        assertThat(a.featureNames()).containsExactly("torque", "torque_mean", "torque_std", "torque_slope");
        Features b = features(batch("windowed", List.of(torqueReading("win-a", t0.plusSeconds(2), 44)))).getBody();
        // win-a: 40, 42, 44 across two requests -> mean 42, slope 2; win-b untouched by win-a
        assertThat(b.inferenceRequest().inputs().get(0).data()).containsExactly(44f, 42f, (float) Math.sqrt(8.0 / 3),
                2f);
        float[] first = a.inferenceRequest().inputs().get(0).data();
        assertThat(first[4]).isEqualTo(100f);
        assertThat(first[5]).isEqualTo(100f);
        Features fourth = features(batch("windowed", List.of(torqueReading("win-a", t0.plusSeconds(3), 50))))
                .getBody();
        // the window holds the last 3 readings only: 42, 44, 50
        assertThat(fourth.inferenceRequest().inputs().get(0).data()[1]).isCloseTo(136f / 3, within(1e-4f));
    }

    @Test
    void aRejectedBatchLeavesWindowsUntouched() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ResponseEntity<JsonNode> rejected = post("/api/v1/preprocessing/features", batch("windowed", List.of(
                torqueReading("atomic", t0, 100), torqueReading("atomic", t0.plusSeconds(1), -5))));
        assertThat(rejected.getStatusCode().value()).isEqualTo(422);
        Features ok = features(batch("windowed", List.of(torqueReading("atomic", t0.plusSeconds(2), 10))))
                .getBody();
        assertThat(ok.inferenceRequest().inputs().get(0).data()[1]).isEqualTo(10f); // mean of 10 alone
    }

    @Test
    void boundsDeviceStateAndCountsEvictions() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        double before = meters.get("edge.preprocessing.windows.evictions").counter().count();
        features(batch("windowed", List.of(torqueReading("lru-0", t0, 10))));
        List<String> others = IntStream.range(1, 5).mapToObj(i -> torqueReading("lru-" + i, t0, 10)).toList();
        features(batch("windowed", others)); // cap is 4: lru-0 is the least recently seen and goes
        Features again = features(batch("windowed", List.of(torqueReading("lru-0", t0.plusSeconds(1), 20))))
                .getBody();
        assertThat(again.inferenceRequest().inputs().get(0).data()[1]).isEqualTo(20f); // a fresh window
        assertThat(meters.get("edge.preprocessing.windows.evictions").counter().count()).isGreaterThan(before);
        assertThat(meters.get("edge.preprocessing.windows.devices").gauge().value()).isLessThanOrEqualTo(4);
        String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus).contains("edge_preprocessing_windows_evictions_total",
                "edge_preprocessing_readings_total");
    }

    @Test
    void followsTheServedVersionAndHonoursPinnedOnes() {
        FeatureSpec v1 = Fixtures.windowedSpec();
        INFERENCE.serve("rolling", "1", Fixtures.modelJson("rolling", "1", v1));
        String one = "[" + torqueReading("ver-1", Instant.parse("2026-01-01T00:00:00Z"), 10) + "]";
        assertThat(features("{\"model\":\"rolling\",\"readings\":" + one + "}").getBody().modelVersion())
                .isEqualTo("1");
        FeatureSpec v2 = new FeatureSpec(v1.sensors(), List.of(), List.of(), null, null);
        INFERENCE.serve("rolling", "2", Fixtures.modelJson("rolling", "2", v2));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Features f = features("{\"model\":\"rolling\",\"readings\":" + one.replace("00:00:00", "00:00:01")
                    + "}").getBody();
            assertThat(f.modelVersion()).isEqualTo("2");
            assertThat(f.featureNames()).containsExactly("torque");
        });
        Features pinned = features("{\"model\":\"rolling\",\"version\":\"1\",\"readings\":"
                + one.replace("00:00:00", "00:00:02") + "}").getBody();
        assertThat(pinned.modelVersion()).isEqualTo("1");
        assertThat(pinned.featureNames()).hasSize(4);
    }

    @Test
    void noCacheReChecksTheServedVersionAtOnce() {
        FeatureSpec spec = Fixtures.windowedSpec();
        INFERENCE.serve("promoted", "1", Fixtures.modelJson("promoted", "1", spec));
        String one = "[" + torqueReading("prom-1", Instant.parse("2026-01-01T00:00:00Z"), 10) + "]";
        assertThat(features("{\"model\":\"promoted\",\"readings\":" + one + "}").getBody().modelVersion())
                .isEqualTo("1");
        // A promotion: inference serves version 2 now. The gateway saw inference refuse version 1 and asks again
        // with no-cache; the answer must be for version 2 at once, not after spec-refresh.
        INFERENCE.serve("promoted", "2", Fixtures.modelJson("promoted", "2", spec));
        Features after = http.post().uri("/api/v1/preprocessing/features").contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-cache")
                .body("{\"model\":\"promoted\",\"readings\":" + one.replace("00:00:00", "00:00:01") + "}")
                .retrieve().toEntity(Features.class).getBody();
        assertThat(after.modelVersion()).isEqualTo("2");
    }

    /** The response, read with float precision like inference-service reads it. */
    record Features(String modelName, String modelVersion, List<String> featureNames,
                    Infer inferenceRequest, List<Meta> readings) {
        record Infer(List<Input> inputs) {
        }

        record Input(String name, String datatype, long[] shape, float[] data) {
        }

        record Meta(String deviceId, Instant timestamp, String machineType) {
        }
    }
}

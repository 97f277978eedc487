package io.edgeai.postprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.modelclient.testsupport.RunningServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Every rule of postprocessing, through the HTTP API, against stand-in inference-service and webhook. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.postprocessing.alerting.raise-k=3",
        "edge.postprocessing.alerting.raise-n=5",
        "edge.postprocessing.alerting.clear-m=3",
        "edge.postprocessing.alerting.max-devices=40",
        "edge.postprocessing.thresholds.machine-types[H][machine_failure].high=0.9",
        "edge.postprocessing.thresholds.machine-types[H][machine_failure].low=0.6",
        "edge.postprocessing.webhook.max-attempts=3",
        "edge.postprocessing.webhook.initial-backoff=20ms"})
class PostprocessingApiTest extends RunningServiceTest {

    static final WebhookReceiver WEBHOOK = WebhookReceiver.get();
    static final List<String> LABELS = List.of("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("edge.postprocessing.webhook.url", WEBHOOK::uri);
    }

    @BeforeAll
    static void models() {
        INFERENCE.serve("ai4i-failure", "1", """
                {"name":"ai4i-failure","version":1,"platform":"djl",
                 "inputs":[{"name":"features","datatype":"FP32","shape":[-1,11]}],
                 "outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,6]}],
                 "labels":["machine_failure","TWF","HDF","PWF","OSF","RNF"],
                 "feature_spec":{"sensors":[]},
                 "thresholds":{"machine_failure":{"high":0.5,"low":0.3},"TWF":{"high":0.2,"low":0.1}},
                 "evaluation":{"f1":0.8}}""");
    }

    @Autowired
    MeterRegistry meters;

    ResponseEntity<JsonNode> decide(Object body) {
        return http.post().uri("/api/v1/postprocessing/decisions").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);
    }

    /** A request for one device: one row per machine-failure probability (modes 0), one second apart. */
    static Map<String, Object> series(String device, int startSecond, double... failure) {
        List<List<Double>> rows = new ArrayList<>();
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < failure.length; i++) {
            rows.add(List.of(failure[i], 0.0, 0.0, 0.0, 0.0, 0.0));
            readings.add(meta(device, T0.plusSeconds(startSecond + i), "L"));
        }
        return request(rows, readings);
    }

    static Map<String, Object> meta(String device, Instant at, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deviceId", device);
        m.put("timestamp", at.toString());
        m.put("machineType", type);
        return m;
    }

    static Map<String, Object> request(Object rows, List<Map<String, Object>> readings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelName", "ai4i-failure");
        body.put("modelVersion", "1");
        body.put("probabilities", rows);
        body.put("readings", readings);
        return body;
    }

    static List<String> events(ResponseEntity<JsonNode> response) {
        return response.getBody().path("alerts").valueStream()
                .map(a -> a.path("event").asString() + ":" + a.path("mode").asString()).toList();
    }

    @Test
    void decidesAStatusPerReadingWithPerClassAndPerMachineTypeThresholds() {
        List<List<Double>> rows = List.of(
                List.of(0.10, 0.05, 0.02, 0.01, 0.03, 0.0),  // all below low -> NORMAL
                List.of(0.35, 0.05, 0.02, 0.01, 0.03, 0.0),  // failure >= low 0.3 -> WARNING
                List.of(0.60, 0.10, 0.55, 0.0, 0.0, 0.0),    // failure >= high 0.5 -> FAILURE_PREDICTED, HDF
                List.of(0.25, 0.22, 0.0, 0.0, 0.0, 0.0),     // TWF >= its own high 0.2: a mode alone sets no status
                List.of(0.60, 0.0, 0.0, 0.0, 0.0, 0.0),      // type H: override high 0.9 / low 0.6 -> WARNING
                List.of(0.45, 0.0, 0.0, 0.0, 0.0, 0.35));    // RNF has no model threshold: fallback low 0.3
        List<Map<String, Object>> readings = List.of(meta("s-1", T0, "L"), meta("s-2", T0, "L"),
                meta("s-3", T0, "M"), meta("s-4", T0, "L"), meta("s-5", T0, "H"), meta("s-6", T0, "L"));

        ResponseEntity<JsonNode> response = decide(request(rows, readings));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode decisions = response.getBody().path("decisions");
        assertThat(decisions.valueStream().map(d -> d.path("status").asString()).toList()).containsExactly(
                "NORMAL", "WARNING", "FAILURE_PREDICTED", "NORMAL", "WARNING", "WARNING");
        assertThat(decisions.get(2).path("mostLikelyMode").asString()).isEqualTo("HDF");
        assertThat(decisions.get(2).path("mostLikelyProbability").asDouble()).isEqualTo(0.55);
        assertThat(decisions.get(3).path("probabilities").path("TWF").asDouble()).isEqualTo(0.22);
        assertThat(decisions.get(0).path("deviceId").asString()).isEqualTo("s-1");
        assertThat(response.getBody().path("modelVersion").asString()).isEqualTo("1");
        assertThat(response.getBody().path("alerts")).isEmpty();
    }

    @Test
    void aSingleSpikeNeverRaisesButKOfNDoes() {
        ResponseEntity<JsonNode> noise = decide(series("deb", 0, 0.8, 0.1, 0.1, 0.1, 0.1, 0.8, 0.8));
        assertThat(noise.getBody().path("decisions").get(0).path("status").asString())
                .isEqualTo("FAILURE_PREDICTED"); // the status is immediate; the alert is debounced
        assertThat(events(noise)).isEmpty();

        ResponseEntity<JsonNode> third = decide(series("deb", 7, 0.8));
        assertThat(events(third)).containsExactly("RAISED:machine_failure");
        JsonNode alert = third.getBody().path("alerts").get(0);
        assertThat(alert.path("deviceId").asString()).isEqualTo("deb");
        assertThat(alert.path("severity").asString()).isEqualTo("MAJOR");
        assertThat(alert.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(alert.path("timestamp").asString()).isEqualTo(T0.plusSeconds(7).toString());
        assertThat(alert.path("modelName").asString()).isEqualTo("ai4i-failure");
    }

    @Test
    void clearsOnlyAfterMReadingsBelowLowAndKeepsOneOpenAlertPerMode() {
        ResponseEntity<JsonNode> raised = decide(series("hys", 0, 0.95, 0.95, 0.95, 0.96, 0.97));
        assertThat(events(raised)).containsExactly("RAISED:machine_failure"); // dedup: one alert, not three
        String id = raised.getBody().path("alerts").get(0).path("alertId").asString();
        assertThat(raised.getBody().path("alerts").get(0).path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(openAlerts("hys")).hasSize(1);

        // one low reading, then one in the hysteresis band, then two low: still open
        assertThat(events(decide(series("hys", 5, 0.1, 0.4, 0.1, 0.1)))).isEmpty();
        assertThat(openAlerts("hys")).hasSize(1);

        ResponseEntity<JsonNode> cleared = decide(series("hys", 9, 0.1));
        assertThat(events(cleared)).containsExactly("CLEARED:machine_failure");
        JsonNode clear = cleared.getBody().path("alerts").get(0);
        assertThat(clear.path("alertId").asString()).isEqualTo(id);
        assertThat(clear.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(clear.path("threshold").asDouble()).isEqualTo(0.3);
        assertThat(openAlerts("hys")).isEmpty();

        // right after clearing, one spike does not re-raise: k fresh readings are needed
        assertThat(events(decide(series("hys", 10, 0.9, 0.1)))).isEmpty();
    }

    @Test
    void readingsOlderThanTheDevicesLastOneMoveNoAlert() {
        decide(series("ooo", 10, 0.8, 0.8));
        assertThat(events(decide(series("ooo", 0, 0.8)))).isEmpty(); // replayed/late: status only
        assertThat(events(decide(series("ooo", 12, 0.8)))).containsExactly("RAISED:machine_failure");
    }

    @Test
    void acceptsTheInferResponseOutputsFlatOrNested() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("modelName", "ai4i-failure");
        flat.put("outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(2, 6),
                "data", List.of(0.1, 0, 0, 0, 0, 0, 0.7, 0, 0, 0.6, 0, 0))));
        flat.put("readings", List.of(meta("oip", T0, "L"), meta("oip", T0.plusSeconds(1), "L")));
        ResponseEntity<JsonNode> response = decide(flat);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().path("modelVersion").asString()).isEqualTo("1"); // the served version
        assertThat(response.getBody().path("decisions").get(1).path("status").asString())
                .isEqualTo("FAILURE_PREDICTED");
        assertThat(response.getBody().path("decisions").get(1).path("mostLikelyMode").asString()).isEqualTo("PWF");

        flat.put("outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(1, 6),
                "data", List.of(List.of(0.1, 0, 0, 0, 0, 0)))));
        flat.put("readings", List.of(meta("oip", T0.plusSeconds(2), "L")));
        assertThat(decide(flat).getStatusCode().value()).isEqualTo(200);

        flat.put("outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(1, 5),
                "data", List.of(0.1, 0, 0, 0, 0))));
        ResponseEntity<JsonNode> bad = decide(flat);
        assertThat(bad.getStatusCode().value()).isEqualTo(422);
        assertThat(bad.getBody().path("errors").get(0).path("field").asString()).isEqualTo("outputs[0].shape");
    }

    @Test
    void badInputGets422NamingEveryFieldAndChangesNoState() {
        decide(series("atomic", 0, 0.8, 0.8));
        List<List<Double>> rows = List.of(List.of(0.8, 0.0, 0.0, 0.0, 0.0, 0.0), List.of(0.1, 0.0, 1.5, 0.0, 0.0, 0.0),
                List.of(0.1, 0.0), List.of(0.1, 0.0, 0.0, 0.0, 0.0, 0.0), List.of(0.1, 0.0, 0.0, 0.0, 0.0, 0.0));
        List<Map<String, Object>> readings = List.of(meta("atomic", T0.plusSeconds(2), "L"),
                meta("x", T0, "L"), meta("y", T0, "L"), meta("", T0, "L"), meta("y", T0, "L"));
        ResponseEntity<JsonNode> response = decide(request(rows, readings));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactlyInAnyOrder("probabilities[1][2]", "probabilities[2]", "readings[3].deviceId",
                        "readings[4]");
        // the rejected batch's high reading did not count: the next one is the third high
        assertThat(events(decide(series("atomic", 3, 0.8)))).containsExactly("RAISED:machine_failure");
    }

    @Test
    void missingOrUnknownModelAndMalformedJsonAreNamed() {
        Map<String, Object> noModel = series("m", 0, 0.1);
        noModel.remove("modelName");
        noModel.remove("probabilities");
        ResponseEntity<JsonNode> missing = decide(noModel);
        assertThat(missing.getStatusCode().value()).isEqualTo(422);
        assertThat(missing.getBody().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactlyInAnyOrder("modelName", "outputs");

        Map<String, Object> unknown = series("m", 0, 0.1);
        unknown.put("modelName", "nope");
        unknown.remove("modelVersion");
        ResponseEntity<JsonNode> notFound = decide(unknown);
        assertThat(notFound.getStatusCode().value()).isEqualTo(422);
        assertThat(notFound.getBody().path("errors").get(0).path("field").asString()).isEqualTo("modelName");

        Map<String, Object> broken = series("m", 0, 0.1);
        broken.put("modelName", "broken");
        assertThat(decide(broken).getStatusCode().value()).isEqualTo(503);

        ResponseEntity<JsonNode> badTime = decide(
                "{\"modelName\":\"ai4i-failure\",\"probabilities\":[[0,0,0,0,0,0]],"
                        + "\"readings\":[{\"deviceId\":\"m\",\"timestamp\":\"soon\"}]}");
        assertThat(badTime.getStatusCode().value()).isEqualTo(400);
        assertThat(badTime.getBody().path("errors").get(0).path("field").asString())
                .isEqualTo("readings[0].timestamp");
    }

    @Test
    void boundsDeviceStateAndCountsEvictions() {
        double before = meters.get("edge.postprocessing.alerting.evictions").counter().count();
        for (int i = 0; i < 45; i++) {
            decide(series("lru-" + i, 0, 0.1));
        }
        assertThat(meters.get("edge.postprocessing.alerting.evictions").counter().count())
                .isGreaterThanOrEqualTo(before + 5);
        assertThat(meters.get("edge.postprocessing.alerting.devices").gauge().value()).isLessThanOrEqualTo(40);
        String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus).contains("edge_postprocessing_alerting_evictions_total",
                "edge_postprocessing_decisions_total");
    }

    @Test
    void notifiesTheWebhookWithRetriesAndDeadLettersWhatNeverGetsThrough() {
        assertThat(events(decide(series("flaky-1", 0, 0.8, 0.8, 0.8)))).containsExactly("RAISED:machine_failure");
        assertThat(events(decide(series("dead-1", 0, 0.8, 0.8, 0.8)))).containsExactly("RAISED:machine_failure");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(WEBHOOK.delivered()).anySatisfy(body -> assertThat(body).contains("\"deviceId\":\"flaky-1\"",
                    "\"event\":\"RAISED\""));
            assertThat(WEBHOOK.attemptsFor("\"deviceId\":\"flaky-1\"")).isEqualTo(3);
            JsonNode letters = http.get().uri("/api/v1/postprocessing/notifications/dead-letters").retrieve()
                    .body(JsonNode.class);
            assertThat(letters.path("deadLetters").valueStream()
                    .filter(l -> l.path("event").path("deviceId").asString().equals("dead-1")).toList())
                    .singleElement().satisfies(l -> assertThat(l.path("attempts").asInt()).isEqualTo(3));
        });
        assertThat(WEBHOOK.attemptsFor("\"deviceId\":\"dead-1\"")).isEqualTo(3);
    }

    List<JsonNode> openAlerts(String device) {
        JsonNode body = http.get().uri("/api/v1/postprocessing/alerts?deviceId={d}", device).retrieve()
                .body(JsonNode.class);
        return body.path("alerts").valueStream().toList();
    }

    @Test
    void aBatchMayMixDevicesAndEachKeepsItsOwnHistory() {
        List<List<Double>> rows = new ArrayList<>();
        List<Map<String, Object>> readings = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> {
            rows.add(List.of(0.8, 0.0, 0.0, 0.0, 0.0, 0.0));
            readings.add(meta("mix-a", T0.plusSeconds(i), "L"));
            rows.add(List.of(0.8, 0.0, 0.0, 0.0, 0.0, 0.0));
            readings.add(meta("mix-b", T0.plusSeconds(i), "L"));
        });
        ResponseEntity<JsonNode> response = decide(request(rows, readings));
        assertThat(response.getBody().path("alerts").valueStream().map(a -> a.path("deviceId").asString()).toList())
                .containsExactly("mix-a", "mix-b");
    }
}

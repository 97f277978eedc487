package io.edgeai.postprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.modelclient.testsupport.RunningServiceTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** A remaining-useful-life model's outputs through the decisions API: status and rul_low from "RUL below N". */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.postprocessing.alerting.raise-k=3",
        "edge.postprocessing.alerting.raise-n=5",
        "edge.postprocessing.alerting.clear-m=3",
        "edge.postprocessing.rul-alerts.engines-strict.below=50",
        "edge.postprocessing.rul-alerts.engines-strict.clear-above=60"})
class RulDecisionsApiTest extends RunningServiceTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeAll
    static void models() {
        for (String name : List.of("engines-rul", "engines-strict")) {
            INFERENCE.serve(name, "1", """
                    {"name":"%s","version":1,"platform":"xgboost",
                     "inputs":[{"name":"features","datatype":"FP32","shape":[-1,16]}],
                     "outputs":[{"name":"rul","datatype":"FP32","shape":[-1,3]}],
                     "labels":["rul","rul_lower","rul_upper"],
                     "feature_spec":{"sensors":[]},
                     "regression":{"target":"rul","unit":"cycles","cap":125.0,
                       "interval":{"method":"validation residual quantiles","coverage":0.9,
                                   "lower_offset":-12.0,"upper_offset":10.0},
                       "alert":{"below":30.0,"clear_above":36.0}}}""".formatted(name));
        }
    }

    ResponseEntity<JsonNode> decide(String model, String device, double... ruls) {
        List<Double> flat = new ArrayList<>();
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < ruls.length; i++) {
            flat.addAll(List.of(ruls[i], Math.max(0, ruls[i] - 12), Math.min(125, ruls[i] + 10)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deviceId", device);
            m.put("timestamp", T0.plusSeconds(i).toString());
            readings.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelName", model);
        body.put("modelVersion", "1");
        body.put("outputs", List.of(Map.of("name", "rul", "datatype", "FP32", "shape", List.of(ruls.length, 3),
                "data", flat)));
        body.put("readings", readings);
        return http.post().uri("/api/v1/postprocessing/decisions").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(JsonNode.class);
    }

    @Test
    void aFallingRulSetsTheStatusAndRaisesRulLowWithModelJsonsRule() {
        ResponseEntity<JsonNode> r = decide("engines-rul", "engine-a", 110, 40, 33, 29, 28, 27);

        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        assertThat(r.getBody().path("decisions").valueStream().map(d -> d.path("status").asString()).toList())
                .containsExactly("NORMAL", "NORMAL", "WARNING", "FAILURE_PREDICTED", "FAILURE_PREDICTED",
                        "FAILURE_PREDICTED");
        JsonNode first = r.getBody().path("decisions").path(0).path("probabilities");
        assertThat(first.path("rul").asDouble()).isEqualTo(110);
        assertThat(first.path("rul_upper").asDouble()).isEqualTo(120);
        JsonNode alerts = r.getBody().path("alerts");
        assertThat(alerts.size()).isEqualTo(1);
        assertThat(alerts.path(0).path("mode").asString()).isEqualTo("rul_low");
        assertThat(alerts.path(0).path("event").asString()).isEqualTo("RAISED");
        assertThat(alerts.path(0).path("probability").asDouble()).isEqualTo(27);
        assertThat(alerts.path(0).path("threshold").asDouble()).isEqualTo(30);
    }

    @Test
    void theConfiguredRuleWinsOverModelJsons() {
        ResponseEntity<JsonNode> r = decide("engines-strict", "engine-b", 70, 55, 45);
        assertThat(r.getBody().path("decisions").valueStream().map(d -> d.path("status").asString()).toList())
                .containsExactly("NORMAL", "WARNING", "FAILURE_PREDICTED");
    }

    @Test
    void aNegativeRulIsA422NamingTheValue() {
        ResponseEntity<JsonNode> r = decide("engines-rul", "engine-c", 50, -3);
        assertThat(r.getStatusCode().value()).isEqualTo(422); // as every unprocessable decision request
        assertThat(r.getBody().toString()).contains("outputs[0].data[3]").contains("remaining useful life");
    }
}

package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.OipClient;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The committed ai4i-failure version as the other services use it: they read feature spec, labels and thresholds
 * from its configuration and send rows encoded with the shared FeatureEncoder.
 */
class Ai4iModelServingTest extends ServerTestBase {

    @BeforeEach
    void committedModelPresent() {
        assumeTrue(Files.isDirectory(Path.of("..", "models", "ai4i-failure")), "no committed ai4i-failure");
    }

    @Test
    void configCarriesTheContractOtherServicesRelyOn() {
        JsonNode config = client.get("/v2/models/ai4i-failure/config").json();
        assertThat(config.get("platform").asString()).isEqualTo("djl");
        assertThat(config.get("labels").toString())
                .isEqualTo("[\"machine_failure\",\"TWF\",\"HDF\",\"PWF\",\"OSF\",\"RNF\"]");
        List<String> sensors = new ArrayList<>();
        config.get("feature_spec").get("sensors").forEach(s -> sensors.add(s.get("name").asString()));
        assertThat(sensors).containsExactly("air_temperature", "process_temperature", "rotational_speed", "torque",
                "tool_wear");
        assertThat(config.get("feature_spec").get("categoricals").get(0).get("values").toString())
                .isEqualTo("[\"L\",\"M\",\"H\"]");
        assertThat(config.get("feature_spec").has("window")).isFalse();
        for (String label : List.of("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF")) {
            assertThat(config.get("thresholds").get(label).get("high").asDouble()).isBetween(0.0, 1.0);
            JsonNode m = config.get("evaluation").get("per_class").get(label);
            assertThat(m.has("precision") && m.has("recall") && m.has("f1") && m.has("roc_auc") && m.has("pr_auc")
                    && m.has("confusion_matrix")).isTrue();
        }
        assertThat(config.get("evaluation").get("data").get("sha256").asString()).hasSize(64);
        assertThat(config.get("max_batch_size").asInt()).isPositive();
        assertThat(config.get("architecture").get("type").asString()).isEqualTo("mlp");
    }

    @Test
    void readingsEncodedWithTheSharedFeatureCodeGetSensibleProbabilities() {
        JsonNode config = client.get("/v2/models/ai4i-failure/config").json();
        FeatureSpec spec = OipClient.mapper().treeToValue(config.get("feature_spec"), FeatureSpec.class);
        FeatureEncoder encoder = new FeatureEncoder(spec);
        // heat dissipation failure (difference < 8.6 K at < 1380 rpm), then an ordinary reading
        float[] hdf = encoder.encode(Map.of("air_temperature", 302.0, "process_temperature", 310.4,
                "rotational_speed", 1290.0, "torque", 62.0, "tool_wear", 90.0), Map.of("machine_type", "L"), null);
        float[] healthy = encoder.encode(Map.of("air_temperature", 298.0, "process_temperature", 308.5,
                "rotational_speed", 1550.0, "torque", 40.0, "tool_wear", 20.0), Map.of("machine_type", "M"), null);
        List<Float> data = new ArrayList<>();
        for (float v : hdf) {
            data.add(v);
        }
        for (float v : healthy) {
            data.add(v);
        }
        String input = config.get("inputs").get(0).get("name").asString();
        Reply reply = client.post("/v2/models/ai4i-failure/infer", Map.of("inputs", List.of(Map.of("name", input,
                "datatype", "FP32", "shape", List.of(2, hdf.length), "data", data))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode p = reply.json().get("outputs").get(0).get("data");
        assertThat(p).hasSize(12);
        double high = config.get("thresholds").get("machine_failure").get("high").asDouble();
        assertThat(p.get(0).asDouble()).isGreaterThan(high);
        assertThat(p.get(2).asDouble()).isGreaterThan(config.get("thresholds").get("HDF").get("high").asDouble());
        assertThat(p.get(6).asDouble()).isLessThan(high);
    }

    @Test
    void theMlpExplainsItsAnswersWithIntegratedGradientsThatAddUpToItsLogOdds() {
        JsonNode config = client.get("/v2/models/ai4i-failure/config").json();
        FeatureSpec spec = OipClient.mapper().treeToValue(config.get("feature_spec"), FeatureSpec.class);
        // overstrain: tool wear x torque 220 x 62 = 13,640 min·Nm, limit 11,000 for type L
        float[] osf = new FeatureEncoder(spec).encode(Map.of("air_temperature", 299.0, "process_temperature",
                309.8, "rotational_speed", 1400.0, "torque", 62.0, "tool_wear", 220.0), Map.of("machine_type", "L"),
                null);
        List<Float> data = new ArrayList<>();
        for (float v : osf) {
            data.add(v);
        }
        String input = config.get("inputs").get(0).get("name").asString();
        Reply reply = client.post("/v2/models/ai4i-failure/infer?explain=true", Map.of("inputs", List.of(Map.of(
                "name", input, "datatype", "FP32", "shape", List.of(1, osf.length), "data", data))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode p = reply.json().get("outputs").get(0).get("data");
        JsonNode perLabel = reply.json().get("parameters").get("explanations").get(0);
        assertThat(perLabel).hasSize(6);
        for (int k = 0; k < 6; k++) {
            JsonNode e = perLabel.get(k);
            assertThat(e.get("method").asString()).isEqualTo("integrated_gradients");
            double served = p.get(k).asDouble();
            double logit = e.get("logit").asDouble();
            // completeness: base + contributions = the served log-odds (exact path integral for ReLU networks)
            assertThat(1 / (1 + Math.exp(-logit))).as(e.get("label").asString())
                    .isCloseTo(served, org.assertj.core.data.Offset.offset(1e-4));
            if (served > 1e-6 && served < 1 - 1e-6) { // FP32 probabilities saturate at 0 and 1
                double logOdds = Math.log(served) - Math.log1p(-served);
                assertThat(logit).as(e.get("label").asString())
                        .isCloseTo(logOdds, org.assertj.core.data.Offset.offset(0.01 + 1e-3 * Math.abs(logOdds)));
            }
        }
        JsonNode overstrain = perLabel.get(4);
        assertThat(overstrain.get("label").asString()).isEqualTo("OSF");
        JsonNode top = overstrain.get("reasons").get(0);
        assertThat(top.get("sensors").toString()).contains("torque").contains("tool_wear");
        assertThat(top.get("contribution").asDouble()).isPositive();
        assertThat(top.get("limit").asDouble()).isEqualTo(11000.0);
    }
}

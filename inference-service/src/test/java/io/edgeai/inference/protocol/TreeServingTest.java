package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Platform xgboost behind the same protocol: metadata, inference, and TreeSHAP explanations per row. */
class TreeServingTest extends ServerTestBase {

    /** Normalised rows: the first with a and b far above their means, the second far below. */
    private static Map<String, Object> request(Map<String, Object> parameters) {
        List<Double> data = List.of(1.6, 1.6, 0.0, 0.0, 2.5, -1.6, -1.6, 0.0, 0.0, -1.0);
        return parameters == null
                ? Map.of("inputs", List.of(Map.of("name", "features", "datatype", "FP32", "shape", List.of(2, 5),
                        "data", data)))
                : Map.of("parameters", parameters, "inputs", List.of(Map.of("name", "features", "datatype", "FP32",
                        "shape", List.of(2, 5), "data", data)));
    }

    @Test
    void treesAreServedLikeAnyModel() {
        JsonNode meta = client.get("/v2/models/trees").json();
        assertThat(meta.get("platform").asString()).isEqualTo("xgboost");
        Reply reply = client.post("/v2/models/trees/infer", request(null));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode p = reply.json().get("outputs").get(0);
        assertThat(p.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(p.get("data").get(0).asDouble()).isGreaterThan(0.9); // a high
        assertThat(p.get("data").get(1).asDouble()).isGreaterThan(0.9); // a x b high
        assertThat(p.get("data").get(3).asDouble()).isLessThan(0.1);
        assertThat(reply.json().has("parameters")).isFalse(); // the fast path carries no explanation
    }

    @Test
    void explainGivesEachRowItsReasonsThatAddUpToTheLogit() {
        Reply reply = client.post("/v2/models/trees/infer?explain=true", request(null));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode rows = reply.json().get("parameters").get("explanations");
        assertThat(rows).hasSize(2);
        JsonNode product = rows.get(0).get(1);
        assertThat(product.get("label").asString()).isEqualTo("product");
        assertThat(product.get("method").asString()).isEqualTo("tree_shap");
        double p = reply.json().get("outputs").get(0).get("data").get(1).asDouble();
        assertThat(1 / (1 + Math.exp(-product.get("logit").asDouble()))).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-3));
        JsonNode top = product.get("reasons").get(0);
        assertThat(top.get("name").asString()).isIn("a x b", "a");
        assertThat(top.get("contribution").asDouble()).isPositive();
        double sum = 0;
        for (JsonNode r : product.get("reasons")) {
            sum += r.get("contribution").asDouble();
        }
        assertThat(product.get("base").asDouble() + sum).isCloseTo(product.get("logit").asDouble(),
                org.assertj.core.data.Offset.offset(1e-2));
        // a x b is split between a and b; c and d explain nothing of it
        assertThat(product.get("sensors").get("a").asDouble()).isPositive();
        assertThat(product.get("sensors").get("b").asDouble()).isPositive();

        Reply asParameter = client.post("/v2/models/trees/infer", request(Map.of("explain", true)));
        assertThat(asParameter.json().get("parameters").get("explanations")).hasSize(2);
    }

    @Test
    void aModelThatCannotExplainSaysSo() {
        Reply reply = client.post("/v2/models/trees/infer", request(Map.of("explain", "yes")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).contains("explain");
    }
}

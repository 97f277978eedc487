package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Open Inference Protocol as a client sees it: metadata, inference in every accepted form, and errors. */
class InferenceProtocolTest extends ServerTestBase {

    public static Map<String, Object> input(String name, String datatype, List<Integer> shape, Object data) {
        return Map.of("name", name, "datatype", datatype, "shape", shape, "data", data);
    }

    public static Map<String, Object> request(Object... inputs) {
        return Map.of("id", "r-1", "inputs", List.of(inputs));
    }

    @Test
    void serverAndModelMetadataFollowTheProtocol() {
        assertThat(client.get("/v2").json().get("extensions").toString()).contains("model_repository");
        assertThat(client.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(client.get("/v2/health/ready").status()).isEqualTo(200);

        Reply meta = client.get("/v2/models/tiny");
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.json().get("name").asString()).isEqualTo("tiny");
        assertThat(meta.json().get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(meta.json().get("platform").asString()).isEqualTo("djl");
        assertThat(meta.json().get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,4]");
        assertThat(client.get("/v2/models/tiny/versions/1").json().get("name").asString()).isEqualTo("tiny");
        assertThat(client.get("/v2/models/tiny/ready").status()).isEqualTo(200);
        assertThat(client.get("/v2/models/tiny/versions/1/ready").status()).isEqualTo(200);
    }

    @Test
    void configEndpointServesTheVersionsModelJson() {
        Reply config = client.get("/v2/models/tiny/versions/1/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("labels").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(config.json().get("max_batch_size").asInt()).isEqualTo(16);
        assertThat(client.get("/v2/models/tiny/config").json()).isEqualTo(config.json());
    }

    @Test
    void flatAndNestedDataGiveTheSameAnswerUnversionedAndVersioned() {
        Reply flat = client.post("/v2/models/tiny/infer",
                request(input("x", "FP32", List.of(2, 4), List.of(0.1, 0.2, 0.3, 0.4, 1, 2, 3, 4))));
        Reply nested = client.post("/v2/models/tiny/versions/1/infer",
                request(input("x", "FP32", List.of(2, 4), List.of(List.of(0.1, 0.2, 0.3, 0.4), List.of(1, 2, 3, 4)))));
        assertThat(flat.status()).isEqualTo(200);
        assertThat(nested.status()).isEqualTo(200);
        JsonNode out = flat.json().get("outputs").get(0);
        assertThat(flat.json().get("model_name").asString()).isEqualTo("tiny");
        assertThat(flat.json().get("model_version").asString()).isEqualTo("1");
        assertThat(flat.json().get("id").asString()).isEqualTo("r-1");
        assertThat(out.get("name").asString()).isEqualTo("y");
        assertThat(out.get("datatype").asString()).isEqualTo("FP32");
        assertThat(out.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(out.get("data")).hasSize(6);
        for (JsonNode p : out.get("data")) {
            assertThat(p.asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(nested.json().get("outputs")).isEqualTo(flat.json().get("outputs"));
    }

    @Test
    void requestedOutputsAreHonoured() {
        Reply ok = client.post("/v2/models/tiny/infer", Map.of("inputs",
                List.of(input("x", "FP32", List.of(1, 4), List.of(1, 2, 3, 4))), "outputs", List.of(Map.of("name", "y"))));
        assertThat(ok.status()).isEqualTo(200);
        Reply bad = client.post("/v2/models/tiny/infer", Map.of("inputs",
                List.of(input("x", "FP32", List.of(1, 4), List.of(1, 2, 3, 4))), "outputs", List.of(Map.of("name", "z"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asString()).contains("'z'");
    }

    @Test
    void unknownModelsAndVersionsAre404() {
        assertError(client.get("/v2/models/nope"), 404, "nope");
        assertError(client.get("/v2/models/tiny/versions/7"), 404, "7");
        assertError(client.get("/v2/models/tiny/versions/7/ready"), 404, "7");
        assertError(client.get("/v2/models/tiny/versions/abc/config"), 404, "abc");
        assertError(client.post("/v2/models/nope/infer", request(input("x", "FP32", List.of(1, 4), List.of(1, 2, 3, 4)))),
                404, "nope");
        assertError(client.post("/v2/models/tiny/versions/9/infer",
                request(input("x", "FP32", List.of(1, 4), List.of(1, 2, 3, 4)))), 404, "9");
    }

    @Test
    void badInputIs400NamingTheInputNever500() {
        String path = "/v2/models/tiny/infer";
        assertError(client.post(path, request(input("x", "FP64", List.of(1, 4), List.of(1, 2, 3, 4)))), 400, "'x'");
        assertError(client.post(path, request(input("x", "FP32", List.of(1, 5), List.of(1, 2, 3, 4, 5)))), 400, "'x'");
        assertError(client.post(path, request(input("x", "FP32", List.of(4), List.of(1, 2, 3, 4)))), 400, "'x'");
        assertError(client.post(path, request(input("x", "FP32", List.of(2, 4), List.of(1, 2, 3, 4)))), 400, "'x'");
        assertError(client.post(path, request(input("x", "FP32", List.of(1, 4), List.of(1, 2, "a", 4)))), 400, "'x'");
        assertError(client.post(path, request(input("x", "UINT8", List.of(1, 4), List.of(1, 2, 3, 4)))), 400, "'x'");
        assertError(client.post(path, request(input("w", "FP32", List.of(1, 4), List.of(1, 2, 3, 4)))), 400, "'w'");
        assertError(client.post(path, Map.of("inputs", List.of())), 400, "no inputs");
        assertError(client.post(path, "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\"}]}"),
                400, "'x'");
        assertError(client.post(path, "{\"inputs\": [{\"name\": \"x\", \"shape\": \"big\"}]}"), 400, "invalid");
        assertError(client.post(path, "{not json"), 400, "invalid");
        assertError(client.post(path, (String) null), 400, "");
    }

    private static void assertError(Reply reply, int status, String mentions) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().has("error")).as(reply.body()).isTrue();
        assertThat(reply.json().get("error").asString()).contains(mentions);
    }
}

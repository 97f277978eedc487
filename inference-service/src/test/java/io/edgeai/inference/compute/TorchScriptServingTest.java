package io.edgeai.inference.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A user's TorchScript files (made with PyTorch by src/test/resources/torchscript/make_fixture.py) served through
 * the protocol give the numbers PyTorch printed, for every supported input datatype.
 */
class TorchScriptServingTest extends ServerTestBase {

    final JsonNode expected = OipClient.mapper().readTree(read("torchscript/expected.json"));

    static String read(String resource) {
        try {
            return Files.readString(resource(resource));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tracedMlpGivesPyTorchsProbabilities() {
        JsonNode x = expected.get("mlp").get("x");
        Reply reply = client.post("/v2/models/mlp/infer", Map.of("inputs",
                List.of(Map.of("name", "x", "datatype", "FP32", "shape", List.of(2, 10), "data", x))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode out = reply.json().get("outputs").get(0);
        assertThat(out.get("name").asString()).isEqualTo("probabilities");
        assertThat(out.get("shape").toString()).isEqualTo("[2,3]");
        JsonNode want = expected.get("mlp").get("probabilities");
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(out.get("data").get(r * 3 + c).asDouble()).isCloseTo(want.get(r).get(c).asDouble(),
                        within(1e-6));
            }
        }
        assertThat(client.get("/v2/models/mlp").json().get("platform").asString()).isEqualTo("pytorch_torchscript");
    }

    @Test
    void scriptedModuleTakesFp64Int64BoolAndInt32Inputs() {
        JsonNode t = expected.get("typed");
        Reply reply = client.post("/v2/models/typed/versions/1/infer", Map.of("inputs", List.of(
                Map.of("name", "a", "datatype", "FP64", "shape", List.of(2, 2), "data", t.get("a")),
                Map.of("name", "b", "datatype", "INT64", "shape", List.of(2, 2), "data", t.get("b")),
                Map.of("name", "c", "datatype", "BOOL", "shape", List.of(2, 2), "data", t.get("c")),
                Map.of("name", "d", "datatype", "INT32", "shape", List.of(2, 2), "data", t.get("d")))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode out = reply.json().get("outputs").get(0);
        assertThat(out.get("datatype").asString()).isEqualTo("FP64");
        assertThat(out.get("data").get(0).asDouble()).isEqualTo(t.get("y").get(0).get(0).asDouble());
        assertThat(out.get("data").get(1).asDouble()).isEqualTo(t.get("y").get(1).get(0).asDouble());

        Reply wrongBool = client.post("/v2/models/typed/infer", Map.of("inputs", List.of(
                Map.of("name", "a", "datatype", "FP64", "shape", List.of(1, 2), "data", List.of(1, 2)),
                Map.of("name", "b", "datatype", "INT64", "shape", List.of(1, 2), "data", List.of(1, 2)),
                Map.of("name", "c", "datatype", "BOOL", "shape", List.of(1, 2), "data", List.of(1, 0)),
                Map.of("name", "d", "datatype", "INT32", "shape", List.of(1, 2), "data", List.of(1, 2)))));
        assertThat(wrongBool.status()).isEqualTo(400);
        assertThat(wrongBool.json().get("error").asString()).contains("'c'");
        Reply missing = client.post("/v2/models/typed/infer", Map.of("inputs", List.of(
                Map.of("name", "a", "datatype", "FP64", "shape", List.of(1, 2), "data", List.of(1, 2)))));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).contains("missing input 'b'");
        Reply fraction = client.post("/v2/models/typed/infer", Map.of("inputs", List.of(
                Map.of("name", "a", "datatype", "FP64", "shape", List.of(1, 2), "data", List.of(1, 2)),
                Map.of("name", "b", "datatype", "INT64", "shape", List.of(1, 2), "data", List.of(1.5, 2)),
                Map.of("name", "c", "datatype", "BOOL", "shape", List.of(1, 2), "data", List.of(true, false)),
                Map.of("name", "d", "datatype", "INT32", "shape", List.of(1, 2), "data", List.of(1, 2)))));
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("error").asString()).contains("'b'");
    }
}

package io.edgeai.inference.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.TextModelTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The built-in all-MiniLM-L6-v2 encoders, seeded from their Maven jars and served over the protocol. */
class SentenceEncoderTest extends TextModelTestBase {

    private static final String SMOKE = "the pump is smoking and smells of burnt oil";
    private static final String SMOKE_PARAPHRASE = "smoke coming out of the pump, burning oil smell";
    private static final String UNRELATED = "the quarterly safety meeting moved to Thursday afternoon";

    @Test
    void seededFromTheJarsWithTheirTokenizer() {
        for (String model : new String[] {FP32, INT8}) {
            assertThat(Files.isRegularFile(REPO.resolve(model).resolve("1").resolve("model.onnx"))).isTrue();
            assertThat(Files.isRegularFile(REPO.resolve(model).resolve("1").resolve("tokenizer.json"))).isTrue();
            JsonNode meta = client.get("/v2/models/" + model).json();
            assertThat(meta.get("platform").asString()).isEqualTo("onnx");
            assertThat(meta.get("inputs").get(0).get("datatype").asString()).isEqualTo("BYTES");
        }
    }

    @Test
    void vectorsAreUnitLengthAnd384Wide() {
        for (String model : new String[] {FP32, INT8}) {
            float[][] v = embed(model, SMOKE, UNRELATED);
            assertThat(v[0]).hasSize(384);
            for (float[] row : v) {
                double norm = 0;
                for (float x : row) {
                    norm += x * x;
                }
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedText() {
        for (String model : new String[] {FP32, INT8}) {
            float[][] v = embed(model, SMOKE, SMOKE_PARAPHRASE, UNRELATED);
            double paraphrase = cosine(v[0], v[1]);
            double unrelated = cosine(v[0], v[2]);
            assertThat(paraphrase).as(model).isGreaterThan(0.6);
            assertThat(unrelated).as(model).isLessThan(0.3);
            assertThat(paraphrase - unrelated).as(model).isGreaterThan(0.4);
        }
    }

    @Test
    void aTextAloneOrInAPaddedBatchGetsTheSameVector() {
        String longer = "after about twenty minutes of running the conveyor motor trips on overload, resets, and "
                + "trips again; the operator reports a burning smell near the gearbox and oil on the floor";
        float[] alone = embed(FP32, SMOKE)[0];
        float[][] batch = embed(FP32, longer, SMOKE, UNRELATED);
        for (int d = 0; d < alone.length; d++) {
            assertThat(batch[1][d]).isCloseTo(alone[d], within(1e-5f));
        }
    }

    @Test
    void int8VectorsMoveOnlySlightlyWithTheirBatchMates() {
        // dynamic quantization takes the activation range of the whole batch tensor, so int8 is not exactly
        // batch-invariant (fp32 is, above); the move must stay far below the gap between paraphrase and unrelated
        String longer = "after about twenty minutes of running the conveyor motor trips on overload, resets, and "
                + "trips again; the operator reports a burning smell near the gearbox and oil on the floor";
        float[] alone = embed(INT8, SMOKE)[0];
        float[] inBatch = embed(INT8, longer, SMOKE, UNRELATED)[1];
        double maxDiff = 0;
        for (int d = 0; d < alone.length; d++) {
            maxDiff = Math.max(maxDiff, Math.abs(alone[d] - inBatch[d]));
        }
        System.out.printf("int8 alone vs batch: cosine %.6f, max |diff| %.2e%n", cosine(alone, inBatch), maxDiff);
        assertThat(cosine(alone, inBatch)).isGreaterThan(0.98);
    }

    @Test
    void oneRowPerCallMakesInt8VectorsIndependentOfTheBatch() throws Exception {
        Path exact = REPO.resolve("int8-exact").resolve("1");
        Files.createDirectories(exact);
        for (String f : new String[] {"model.onnx", "tokenizer.json"}) {
            Files.copy(REPO.resolve(INT8).resolve("1").resolve(f), exact.resolve(f));
        }
        Files.writeString(exact.resolve("model.json"), Files.readString(REPO.resolve(INT8).resolve("1")
                .resolve("model.json")).replace("\"intra_op_threads\"", "\"max_rows_per_call\": 1, \"intra_op_threads\""));
        assertThat(client.post("/v2/repository/models/int8-exact/load", "{}").status()).isEqualTo(200);
        float[] alone = embed("int8-exact", SMOKE)[0];
        float[] inBatch = embed("int8-exact", "a much longer note about the gearbox oil leaking onto the floor "
                + "near the east conveyor after the weekend shutdown", SMOKE, UNRELATED)[1];
        for (int d = 0; d < alone.length; d++) {
            assertThat(inBatch[d]).isCloseTo(alone[d], within(1e-6f));
        }
    }

    @Test
    void int8StaysCloseToFp32() {
        float[][] fp32 = embed(FP32, SMOKE, UNRELATED, SMOKE_PARAPHRASE);
        float[][] int8 = embed(INT8, SMOKE, UNRELATED, SMOKE_PARAPHRASE);
        for (int i = 0; i < fp32.length; i++) {
            assertThat(cosine(fp32[i], int8[i])).isGreaterThan(0.95);
        }
    }

    @Test
    void longTextIsCutToTheTokenLimitAndTheAnswerSaysSo() {
        String hundredKb = "the bearing on the east conveyor squeals when it starts in the cold. ".repeat(1500);
        assertThat(hundredKb.length()).isGreaterThan(100_000);
        OipClient.Reply r = client.post("/v2/models/" + INT8 + "/infer", texts(SMOKE, hundredKb));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("outputs").get(0).get("shape").toString()).isEqualTo("[2,384]");
        assertThat(r.json().get("parameters").get("truncated").toString()).isEqualTo("[false,true]");
        assertThat(client.get("/actuator/prometheus").body())
                .containsPattern("inference_text_truncated_total\\{[^}]*model=\"" + INT8 + "\"[^}]*\\} [1-9]");
    }
}

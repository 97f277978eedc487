package io.edgeai.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One running server with both built-in sentence encoders seeded from the classpath jars into a fresh repository
 * (the real start-up path), shared by every text test class: the encoders load once (~5 s) for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class TextModelTestBase {

    protected static final String FP32 = "all-minilm-l6-v2";
    protected static final String INT8 = "all-minilm-l6-v2-int8";
    protected static final Path REPO = TestModels.newRepository("text");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.model-repository", REPO::toString);
        registry.add("edge.inference.poll-interval", () -> "0s");
        registry.add("edge.inference.builtin-models", () -> FP32 + "," + INT8);
        registry.add("edge.inference.site-training.min-rows", () -> "30");
    }

    @LocalServerPort
    protected int port;
    protected OipClient client;

    @BeforeEach
    void connect() {
        client = new OipClient(port);
    }

    /** An infer request with one BYTES input {@code text} of shape [n]. */
    protected static Map<String, Object> texts(String... texts) {
        return Map.of("inputs", List.of(Map.of("name", "text", "datatype", "BYTES", "shape", List.of(texts.length),
                "data", List.of(texts))));
    }

    /** The embeddings a model returns for the texts, one row each; fails the test on anything but 200. */
    protected float[][] embed(String model, String... texts) {
        OipClient.Reply r = client.post("/v2/models/" + model + "/infer", texts(texts));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode out = r.json().get("outputs").get(0);
        assertThat(out.get("name").asString()).isEqualTo("embedding");
        int dims = out.get("shape").get(1).asInt();
        float[][] rows = new float[texts.length][dims];
        for (int i = 0; i < texts.length; i++) {
            for (int d = 0; d < dims; d++) {
                rows[i][d] = out.get("data").get(i * dims + d).floatValue();
            }
        }
        return rows;
    }

    protected static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

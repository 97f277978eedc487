package io.edgeai.gateway.notes;

import io.edgeai.gateway.FakeStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for inference-service's text models with their OIP contract: the encoder answers {@code embedding}
 * FP32 [n, 384], unit length, made from a small table of words that mean the same thing (so a paraphrase lands
 * near its original and an unrelated note far away); the classifier answers {@code label} and
 * {@code probabilities}, or 404 while it is not served. Texts over 200 characters are flagged {@code truncated}, as the
 * real encoder flags texts over its 256 tokens.
 */
final class FakeTextModels implements AutoCloseable {

    static final String ENCODER = "all-minilm-l6-v2-int8";
    static final String CLASSIFIER = "maintenance-notes";

    /** Words of one meaning share an axis. */
    private static final Map<String, Integer> MEANINGS = Map.ofEntries(
            Map.entry("smoke", 1), Map.entry("smoking", 1), Map.entry("fumes", 1), Map.entry("burning", 1),
            Map.entry("slurry", 2), Map.entry("spraying", 2), Map.entry("leak", 2), Map.entry("leaking", 2),
            Map.entry("trips", 3), Map.entry("tripped", 3), Map.entry("stops", 3),
            Map.entry("pump", 4), Map.entry("motor", 5), Map.entry("door", 6), Map.entry("badge", 7));

    final FakeStage server;
    volatile boolean encoderServed = true;
    volatile boolean classifierServed = false;

    FakeTextModels() throws IOException {
        server = FakeStage.handling((path, body, headers) -> {
            List<String> texts = new ArrayList<>();
            body.path("inputs").path(0).path("data").forEach(t -> texts.add(t.asString()));
            if (path.equals("/v2/models/" + ENCODER + "/infer") && encoderServed) {
                return new FakeStage.Answer(200, embeddings(texts));
            }
            if (path.equals("/v2/models/" + CLASSIFIER + "/infer") && classifierServed) {
                return new FakeStage.Answer(200, labels(texts));
            }
            return new FakeStage.Answer(404, "{\"error\":\"Model not found\"}");
        });
    }

    static float[] embed(String text) {
        float[] v = new float[384];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            Integer axis = MEANINGS.get(word);
            if (axis != null) {
                v[axis] += 1;
            } else if (!word.isEmpty()) {
                v[100 + Math.floorMod(word.hashCode(), 280)] += 0.2f;
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = norm == 0 ? 0 : (float) (v[i] / Math.sqrt(norm));
        }
        return v;
    }

    private static String embeddings(List<String> texts) {
        ObjectNode answer = FakeStage.JSON.createObjectNode().put("model_name", ENCODER).put("model_version", "1");
        ObjectNode out = answer.putArray("outputs").addObject().put("name", "embedding").put("datatype", "FP32");
        out.putArray("shape").add(texts.size()).add(384);
        ArrayNode flags = answer.putObject("parameters").putArray("truncated");
        texts.forEach(t -> flags.add(t.length() > 200));
        ArrayNode data = out.putArray("data");
        for (String t : texts) {
            for (float f : embed(t)) {
                data.add(f);
            }
        }
        return answer.toString();
    }

    private static String labels(List<String> texts) {
        ObjectNode answer = FakeStage.JSON.createObjectNode().put("model_name", CLASSIFIER).put("model_version", "2");
        ArrayNode outputs = answer.putArray("outputs");
        ObjectNode p = outputs.addObject().put("name", "probabilities").put("datatype", "FP32");
        p.putArray("shape").add(texts.size()).add(2);
        ObjectNode l = outputs.addObject().put("name", "label").put("datatype", "BYTES");
        l.putArray("shape").add(texts.size());
        for (String t : texts) {
            boolean heat = t.contains("smok") || t.contains("burn");
            p.withArray("data").add(heat ? 0.9 : 0.3).add(heat ? 0.1 : 0.7);
            l.withArray("data").add(heat ? "HDF" : "none");
        }
        return answer.toString();
    }

    String uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The texts a request carried, for assertions. */
    static List<String> texts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        body.path("inputs").path(0).path("data").forEach(t -> texts.add(t.asString()));
        return texts;
    }
}

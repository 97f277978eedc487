package io.edgeai.gateway.notes;

import io.edgeai.gateway.FakeStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for one data-shard instance's notes endpoints, keeping notes in memory: write (201, 200 for a retry,
 * 404 naming {@code alertId} for an alert id starting with {@code missing}), list by device, cosine search over its
 * notes of the asked encoder.
 */
final class FakeNoteShard implements AutoCloseable {

    final FakeStage server;
    final Map<String, ObjectNode> notes = new ConcurrentHashMap<>();
    final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    FakeNoteShard() throws IOException {
        server = FakeStage.handling((path, body, headers) -> {
            if (path.equals("/api/v1/notes")) {
                return write(body);
            }
            if (path.equals("/api/v1/notes/similar")) {
                return similar(body);
            }
            if (path.startsWith("/api/v1/devices/")) {
                String device = path.split("/")[4];
                ArrayNode items = FakeStage.JSON.createArrayNode();
                notes.values().stream().filter(n -> n.path("deviceId").asString().equals(device)).forEach(items::add);
                ObjectNode answer = FakeStage.JSON.createObjectNode().put("deviceId", device).put("count", items.size());
                answer.set("items", items);
                return new FakeStage.Answer(200, answer.toString());
            }
            return new FakeStage.Answer(404, "{}");
        });
    }

    private FakeStage.Answer write(JsonNode body) {
        String id = body.path("noteId").asString();
        if (body.path("alertId").asString("").startsWith("missing")) {
            return new FakeStage.Answer(404, "{\"status\":404,\"title\":\"Not found\",\"errors\":[{\"field\":"
                    + "\"alertId\",\"message\":\"no alert\"}]}");
        }
        if (notes.containsKey(id)) {
            return new FakeStage.Answer(200, notes.get(id).toString());
        }
        ObjectNode note = FakeStage.JSON.createObjectNode().put("shard", 0);
        for (String field : new String[] {"noteId", "deviceId", "alertId", "predictionId", "author", "text",
                "action", "createdAt"}) {
            if (body.hasNonNull(field)) {
                note.put(field, body.get(field).asString());
            }
        }
        if (body.hasNonNull("suggestion")) {
            note.set("suggestion", body.get("suggestion"));
        }
        if (body.hasNonNull("embedding")) {
            note.put("embeddingModel", body.path("embedding").path("model").asString());
            JsonNode v = body.path("embedding").path("vector");
            float[] vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) v.get(i).asDouble();
            }
            vectors.put(id, vector);
        }
        notes.put(id, note);
        return new FakeStage.Answer(201, note.toString());
    }

    private FakeStage.Answer similar(JsonNode body) {
        JsonNode q = body.path("embedding");
        int k = body.path("k").asInt(5);
        String exclude = body.path("excludeNoteId").asString("");
        record Hit(double score, String id) {
        }
        List<Hit> hits = new ArrayList<>();
        vectors.forEach((id, v) -> {
            if (!id.equals(exclude) && body.path("model").asString().equals(notes.get(id).path("embeddingModel")
                    .asString())) {
                double dot = 0;
                for (int i = 0; i < v.length; i++) {
                    dot += v[i] * q.get(i).asDouble();
                }
                hits.add(new Hit(dot, id));
            }
        });
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        ObjectNode answer = FakeStage.JSON.createObjectNode().put("model", body.path("model").asString())
                .put("scanned", vectors.size());
        ArrayNode items = answer.putArray("items");
        hits.stream().limit(k).forEach(h -> items.addObject().put("score", h.score()).set("note", notes.get(h.id())));
        return new FakeStage.Answer(200, answer.toString());
    }

    String uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }
}

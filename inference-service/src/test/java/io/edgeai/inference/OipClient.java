package io.edgeai.inference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal HTTP client for the protocol endpoints, returning status and parsed JSON. */
public final class OipClient {

    /** Status and body of a response. */
    public record Reply(int status, JsonNode json, String body) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public OipClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Posts a CSV as text/csv to the train endpoint of {@code model} with the mapping as query parameter. */
    public Reply train(String model, String csv, String mappingJson) {
        String query = "?mapping=" + java.net.URLEncoder.encode(mappingJson, java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/v2/repository/models/" + model + "/train" + query))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    /** Posts raw bytes as application/json (e.g. a body that is not valid UTF-8). */
    public Reply postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Reply post(String path, Object body) {
        return post(path, MAPPER.writeValueAsString(body));
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!r.body().isEmpty()) {
                try {
                    json = MAPPER.readTree(r.body());
                } catch (RuntimeException e) {
                    json = null;
                }
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}

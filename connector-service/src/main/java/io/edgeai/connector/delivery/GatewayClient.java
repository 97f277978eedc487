package io.edgeai.connector.delivery;

import io.edgeai.connector.config.ConnectorProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's readings pipeline as the connector calls it: {@code POST /api/v1/devices/{id}/readings} with the
 * connector's API key, like any other client (the gateway's public API takes API keys, not the internal credential).
 * On the JDK client, so that no internal credential is attached to a public call.
 */
@Component
public class GatewayClient {

    /** How a pipeline call ended. */
    public sealed interface Outcome {
    }

    /** 2xx: the readings are durable in the gateway (spooled or stored); {@code answer} is its JSON answer. */
    public record Accepted(JsonNode answer) implements Outcome {
    }

    /** The readings themselves were refused (400, 404, 409, 413, 415, 422): sending them again cannot help. */
    public record Refused(int status, String reason, JsonNode problem) implements Outcome {
    }

    /** Not taken now (down, 5xx, 429, a refused key): try again later, after at least {@code retryAfter}. */
    public record Retry(String reason, Duration retryAfter) implements Outcome {
    }

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final JsonMapper json;

    public GatewayClient(ConnectorProperties properties, JsonMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        this.base = properties.gateway().uri();
        this.apiKey = properties.gateway().apiKey();
        this.timeout = properties.gateway().timeout();
        this.json = json;
        if (apiKey == null || apiKey.isBlank()) {
            LoggerFactory.getLogger(GatewayClient.class).warn("edge.connector.gateway.api-key "
                    + "(EDGE_CONNECTOR_API_KEY) is not set: the gateway will refuse every reading with 401, and the "
                    + "connector keeps them with the broker until a key is set");
        }
    }

    /** Sends one device's readings, in order, as one request. */
    public Outcome send(String deviceId, List<ObjectNode> readings) {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("readings");
        readings.forEach(array::add);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/devices/"
                        + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/readings"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-API-Key", apiKey);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Retry("gateway unreachable: " + e, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry("interrupted", Duration.ZERO);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status >= 200 && status < 300) {
            return new Accepted(answer);
        }
        String reason = "gateway answered " + status + describe(answer);
        return switch (status) {
            case 400, 404, 409, 413, 415, 422 -> new Refused(status, reason, answer);
            default -> new Retry(reason, retryAfter(response.headers().firstValueAsLong("Retry-After")));
        };
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.createObjectNode().put("detail", new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String describe(JsonNode problem) {
        String detail = problem.path("detail").asString("");
        if (detail.isEmpty()) {
            detail = problem.path("title").asString("");
        }
        return detail.isEmpty() ? "" : ": " + detail;
    }

    private static Duration retryAfter(OptionalLong seconds) {
        return seconds.isPresent() && seconds.getAsLong() > 0 ? Duration.ofSeconds(Math.min(seconds.getAsLong(), 60))
                : Duration.ZERO;
    }
}

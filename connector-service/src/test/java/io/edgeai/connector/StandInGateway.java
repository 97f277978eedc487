package io.edgeai.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's readings endpoint as the connector sees it, for the module's tests: checks the API key, refuses a
 * batch with a negative torque (422 problem+json naming the field, as preprocessing does), answers 503 while
 * {@link #down} is set, and raises an alert for a torque above 70.
 */
final class StandInGateway implements AutoCloseable {

    static final String KEY = "connector-test-key";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpServer server;
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, List<JsonNode>> stored = new ConcurrentHashMap<>();

    StandInGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/devices/", this::readings);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<JsonNode> stored(String device) {
        return stored.getOrDefault(device, List.of());
    }

    private void readings(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String device = exchange.getRequestURI().getPath().split("/")[4];
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            send(exchange, 401, "{\"title\":\"Unauthorized\"}");
            return;
        }
        if (down.get()) {
            send(exchange, 503, "{\"title\":\"Service unavailable\",\"detail\":\"preprocessing is down\"}");
            return;
        }
        JsonNode readings = body.get("readings");
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).path("sensors").path("torque").path("value").asDouble() < 0) {
                send(exchange, 422, "{\"title\":\"Invalid readings\",\"detail\":\"1 invalid field\",\"errors\":[{"
                        + "\"field\":\"readings[" + i + "].sensors.torque.value\",\"message\":\"must be >= 0\"}]}");
                return;
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("deviceId", device).put("model", "ai4i-failure")
                .put("modelVersion", "1").put("storage", "SPOOLED");
        ArrayNode results = answer.putArray("results");
        ArrayNode alerts = answer.putArray("alerts");
        for (JsonNode reading : readings) {
            double torque = reading.path("sensors").path("torque").path("value").asDouble();
            String status = torque > 70 ? "FAILURE_PREDICTED" : "NORMAL";
            results.addObject().put("timestamp", reading.get("timestamp").asString()).put("status", status)
                    .put("predictionId", device + "@" + reading.get("timestamp").asString());
            if (torque > 70) {
                alerts.addObject().put("alertId", device + ":OSF:" + reading.get("timestamp").asString())
                        .put("deviceId", device).put("mode", "OSF").put("event", "RAISED");
            }
            stored.computeIfAbsent(device, d -> new CopyOnWriteArrayList<>()).add(reading);
        }
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

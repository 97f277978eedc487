package io.edgeai.postprocessing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-ins on one JDK HTTP server: inference-service's config endpoints (model.json per model and version,
 * 500 for {@code broken}) and an alert webhook that fails always for devices named {@code dead-*} and twice per
 * event for {@code flaky-*}.
 */
public final class FakeHttpServer {

    private static FakeHttpServer instance;

    private final HttpServer server;
    private final Map<String, String> configs = new ConcurrentHashMap<>();
    private final Map<String, String> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private FakeHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/models/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String model = parts.length > 3 ? parts[3] : "";
            String version = parts.length == 7 && parts[4].equals("versions") ? parts[5] : served.get(model);
            String body = version == null ? null : configs.get(model + "@" + version);
            int status = model.equals("broken") ? 500 : body == null ? 404 : 200;
            respond(exchange, status, status == 200 ? body : "{\"error\":\"no such model\"}");
        });
        server.createContext("/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int attempt = attempts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            boolean fail = body.contains("\"deviceId\":\"dead-") || body.contains("\"deviceId\":\"flaky-") && attempt < 3;
            if (!fail) {
                delivered.add(body);
            }
            respond(exchange, fail ? 503 : 200, "{}");
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public static synchronized FakeHttpServer get() {
        if (instance == null) {
            instance = new FakeHttpServer();
        }
        return instance;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void serve(String model, String version, String modelJson) {
        configs.put(model + "@" + version, modelJson);
        served.put(model, version);
    }

    /** Bodies the webhook accepted. */
    public List<String> delivered() {
        return delivered;
    }

    /** Tries the webhook saw for bodies containing {@code text}. */
    public int attemptsFor(String text) {
        return attempts.entrySet().stream().filter(e -> e.getKey().contains(text))
                .mapToInt(e -> e.getValue().get()).sum();
    }
}

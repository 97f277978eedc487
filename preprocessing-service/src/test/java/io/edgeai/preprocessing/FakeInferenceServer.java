package io.edgeai.preprocessing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for inference-service's config endpoints in tests: serves model.json per model and version, the
 * "served" version for the unversioned path, and 500 for models named {@code broken}.
 */
public final class FakeInferenceServer {

    private static FakeInferenceServer instance;

    private final HttpServer server;
    private final Map<String, String> configs = new ConcurrentHashMap<>();
    private final Map<String, String> served = new ConcurrentHashMap<>();

    private FakeInferenceServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/models/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // /v2/models/{m}/config or /v2/models/{m}/versions/{v}/config
            String model = parts.length > 3 ? parts[3] : "";
            String version = parts.length == 7 && parts[4].equals("versions") ? parts[5] : served.get(model);
            String body = version == null ? null : configs.get(model + "@" + version);
            int status = model.equals("broken") ? 500 : body == null ? 404 : 200;
            byte[] bytes = (status == 200 ? body : "{\"error\":\"no such model\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public static synchronized FakeInferenceServer get() {
        if (instance == null) {
            instance = new FakeInferenceServer();
        }
        return instance;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes a version's model.json and makes it the served version. */
    public void serve(String model, String version, String modelJson) {
        configs.put(model + "@" + version, modelJson);
        served.put(model, version);
    }
}

package io.edgeai.modelclient.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for inference-service's config endpoints in tests and benches, on one JDK HTTP server: serves
 * model.json per model and version, the "served" version on the unversioned path, 404 for what it does not hold and
 * 500 for models named {@code broken}. A test can mount more paths on the same server (e.g. an alert webhook).
 */
public final class FakeInferenceServer {

    private static FakeInferenceServer instance;

    private final HttpServer server;
    private final Map<String, String> configs = new ConcurrentHashMap<>();
    private final Map<String, String> served = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

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
            int status = model.equals("broken") || refused.contains(model) ? 500 : body == null ? 404 : 200;
            respond(exchange, status, status == 200 ? body : "{\"error\":\"no such model\"}");
        });
        server.start();
    }

    /** The one server of this JVM, started on a free loopback port at first use. */
    public static synchronized FakeInferenceServer get() {
        if (instance == null) {
            instance = new FakeInferenceServer();
        }
        return instance;
    }

    /** Writes a JSON answer and closes the exchange. */
    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes a version's model.json and makes it the served version. */
    public void serve(String model, String version, String modelJson) {
        configs.put(model + "@" + version, modelJson);
        served.put(model, version);
    }

    /** While {@code refusing}, every config call for {@code model} answers 500 (inference-service in trouble). */
    public void refuse(String model, boolean refusing) {
        if (refusing) {
            refused.add(model);
        } else {
            refused.remove(model);
        }
    }

    /** Mounts {@code handler} at {@code path} once (later calls for the same path keep the first handler). */
    public synchronized void mount(String path, HttpHandler handler) {
        try {
            server.createContext(path, handler);
        } catch (IllegalArgumentException alreadyMounted) {
            // another test class of this JVM mounted it first; the handler is the same kind
        }
    }
}

package io.edgeai.gateway.pipeline;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in for one downstream service in gateway tests: answers POSTed JSON with a function, records requests. */
final class FakeStage implements AutoCloseable {

    record Answer(int status, String body) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> tokens = new CopyOnWriteArrayList<>();
    private int port;
    private final BiFunction<JsonNode, Headers, Answer> handler;
    private HttpServer server;

    FakeStage(int port, BiFunction<JsonNode, Headers, Answer> handler) throws IOException {
        this.port = port;
        this.handler = handler;
        start();
    }

    static FakeStage onFreePort(Function<JsonNode, Answer> handler) throws IOException {
        return new FakeStage(0, (body, headers) -> handler.apply(body));
    }

    /** A stage whose answer also depends on the request's headers. */
    static FakeStage onFreePort(BiFunction<JsonNode, Headers, Answer> handler) throws IOException {
        return new FakeStage(0, handler);
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            Answer answer;
            if (exchange.getRequestURI().getPath().startsWith("/actuator/health")) {
                answer = new Answer(200, "{\"status\":\"UP\"}");
            } else {
                JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
                requests.add(body);
                tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Edge-Internal-Token")));
                answer = handler.apply(body, exchange.getRequestHeaders());
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String uri() {
        return "http://localhost:" + port();
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}

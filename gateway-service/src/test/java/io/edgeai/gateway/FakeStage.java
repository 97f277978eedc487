package io.edgeai.gateway;

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
public final class FakeStage implements AutoCloseable {

    /** What the stand-in answers: a status and a JSON body. */
    public record Answer(int status, String body) {
    }

    /** Not an answer: the connection is closed as soon as the request has arrived. */
    public static final Answer DROP = new Answer(0, "");

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every request body, in arrival order ({} for a body-less request). */
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** The internal credential each request carried ("null" when none). */
    public final List<String> tokens = new CopyOnWriteArrayList<>();
    /** Each request's method, path and query, as "POST /api/v1/feedback". */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private int port;
    private final Handler handler;
    private HttpServer server;

    /** Answers one request from its path (with the query), body and headers. */
    public interface Handler {
        Answer answer(String pathAndQuery, JsonNode body, Headers headers);
    }

    FakeStage(int port, BiFunction<JsonNode, Headers, Answer> handler) throws IOException {
        this(port, (Handler) (path, body, headers) -> handler.apply(body, headers));
    }

    FakeStage(int port, Handler handler) throws IOException {
        this.port = port;
        this.handler = handler;
        start();
    }

    public static FakeStage onFreePort(Function<JsonNode, Answer> handler) throws IOException {
        return new FakeStage(0, (body, headers) -> handler.apply(body));
    }

    /** A stage whose answer also depends on the request's headers. */
    public static FakeStage onFreePort(BiFunction<JsonNode, Headers, Answer> handler) throws IOException {
        return new FakeStage(0, handler);
    }

    /** A stage whose answer depends on the path and query, the body and the headers. */
    public static FakeStage handling(Handler handler) throws IOException {
        return new FakeStage(0, handler);
    }

    /** A stage whose answer depends on the path and query asked for. */
    public static FakeStage answeringByPath(Function<String, Answer> handler) throws IOException {
        return new FakeStage(0, (Handler) (path, body, headers) -> handler.apply(path));
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            Answer answer;
            if (exchange.getRequestURI().getPath().startsWith("/actuator/health")) {
                answer = new Answer(200, "{\"status\":\"UP\"}");
            } else {
                JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
                requests.add(body);
                calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Edge-Internal-Token")));
                answer = handler.answer(exchange.getRequestURI().toString(), body, exchange.getRequestHeaders());
            }
            if (answer == DROP) {
                exchange.close(); // with no response headers sent, this closes the connection itself
                return;
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

    public int port() {
        return server.getAddress().getPort();
    }

    public String uri() {
        return "http://localhost:" + port();
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}

package io.edgeai.inference.csvtrain;

import com.sun.net.httpserver.HttpServer;
import io.edgeai.inference.OipClient;
import io.edgeai.inference.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One server for the site-training tests (CSV train and fine-tune share the context): an empty repository, small
 * limits, and a fake data-shard whose labelled export serves whatever CSV a test puts in {@link #EXPORT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SiteTrainingTestBase {

    protected static final Path REPO = TestModels.newRepository("site-training");
    /** The CSV the fake labelled export answers with. */
    protected static final AtomicReference<String> EXPORT = new AtomicReference<>("");
    /** The last query string the fake export received. */
    protected static final AtomicReference<String> EXPORT_QUERY = new AtomicReference<>();
    private static final HttpServer DATA_SHARD = startDataShard();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.builtin-models", () -> ""); // the encoders have their own test class
        registry.add("edge.inference.model-repository", REPO::toString);
        registry.add("edge.inference.poll-interval", () -> "0s");
        registry.add("edge.inference.site-training.max-upload-size", () -> "200KB");
        registry.add("edge.inference.site-training.min-rows", () -> "50");
        registry.add("edge.inference.site-training.data-shard-uri",
                () -> "http://localhost:" + DATA_SHARD.getAddress().getPort());
    }

    @LocalServerPort
    protected int port;
    protected OipClient client;

    @BeforeEach
    void connect() {
        client = new OipClient(port);
    }

    private static HttpServer startDataShard() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/export/labelled", exchange -> {
                EXPORT_QUERY.set(exchange.getRequestURI().getRawQuery());
                byte[] body = EXPORT.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/csv;charset=UTF-8");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw text/csv upload to the train endpoint. */
    protected OipClient.Reply uploadCsv(String model, String csv, String mappingJson) {
        String query = mappingJson == null ? "" : "?mapping=" + java.net.URLEncoder.encode(mappingJson,
                StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/repository/models/" + model
                + "/train" + query)).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    /** Multipart upload: parts {@code file} and {@code mapping}. */
    protected OipClient.Reply uploadMultipart(String model, String csv, String mappingJson) {
        String boundary = "edge-test-boundary";
        StringBuilder b = new StringBuilder();
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").append(csv).append("\r\n");
        if (mappingJson != null) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                    + "Content-Type: application/json\r\n\r\n").append(mappingJson).append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/repository/models/" + model
                        + "/train")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build());
    }

    protected OipClient.Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).DELETE().build());
    }

    private static OipClient.Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            tools.jackson.databind.JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : OipClient.mapper().readTree(r.body());
            } catch (RuntimeException e) {
                json = null;
            }
            return new OipClient.Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

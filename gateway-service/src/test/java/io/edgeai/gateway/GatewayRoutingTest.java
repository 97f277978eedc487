package io.edgeai.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Routing as a client sees it: a live service is reached through its public path, a dead one answers 503
 * problem+json at once, and health names each downstream service with its state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.security.api-keys[0].name=test-viewer",
        "edge.security.api-keys[0].role=viewer",
        "edge.security.api-keys[0].sha256=" + GatewayRoutingTest.VIEWER_KEY_SHA256,
        "edge.security.api-keys[1].name=test-admin",
        "edge.security.api-keys[1].role=admin",
        "edge.security.api-keys[1].sha256=" + GatewayRoutingTest.ADMIN_KEY_SHA256,
        "edge.security.internal-token=internal-secret",
        "edge.services.inference.timeout=1s"})
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRoutingTest {

    static final String VIEWER_KEY = "viewer-key";
    // sha256("viewer-key")
    static final String VIEWER_KEY_SHA256 = "9b88f3b3de5ee9f1bb657b76cc43581a9e25e9091bb23c35b2748b7c3509b6e6";

    static final String ADMIN_KEY = "admin-key";
    // sha256("admin-key")
    static final String ADMIN_KEY_SHA256 = "69a5265506c94c77b787a7d7377b7685a0eff82e33920a71e7ee22cd6154953e";

    static final HttpServer INFERENCE = startFakeInference();
    // Port 1 refuses connections at once; a "free" port found earlier can be taken by another server meanwhile.
    static final int DEAD_PORT = 1;

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        String live = "http://localhost:" + INFERENCE.getAddress().getPort();
        String dead = "http://localhost:" + DEAD_PORT;
        registry.add("edge.services.inference.uri", () -> live);
        registry.add("edge.services.preprocessing.uri", () -> dead);
        registry.add("edge.services.postprocessing.uri", () -> dead);
        registry.add("edge.services.data-shard.uri", () -> dead);
    }

    @AfterAll
    static void stop() {
        INFERENCE.stop(0);
    }

    @Test
    void routesPathsUnchangedWithTheInternalCredentialInsteadOfTheApiKey() {
        client.get().uri("/v2/models/m").header("X-API-Key", VIEWER_KEY).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/v2/models/m")
                .jsonPath("$.token").isEqualTo("internal-secret")
                .jsonPath("$.apiKey").isEqualTo("")
                .jsonPath("$.caller").isEqualTo("test-viewer;role=viewer");
    }

    @Test
    void deadServiceAnswers503ProblemNamingIt() {
        long start = System.nanoTime();
        client.get().uri("/api/v1/shards/devices/d1").header("X-API-Key", VIEWER_KEY).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.service").isEqualTo("data-shard")
                .jsonPath("$.instance").isEqualTo("/api/v1/shards/devices/d1")
                .jsonPath("$.type").isEqualTo("https://edge-ai-suite.io/problems/service-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void healthReportsEachDownstream() {
        client.get().uri("/actuator/health").exchange()
                .expectBody()
                .jsonPath("$.components.downstream.components.inference.status").isEqualTo("UP")
                .jsonPath("$.components.downstream.components.preprocessing.status").isEqualTo("DOWN")
                .jsonPath("$.components.downstream.components.data-shard.status").isEqualTo("DOWN");
    }

    @Test
    void probesIgnoreDownstreamState() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void exposesPrometheusMetrics() {
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void aTrainingUploadMayBeLargeAndSlowOtherRequestsMayNot() {
        byte[] csv = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(csv, (byte) '1');
        client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/v2/repository/models/big/train").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.received").isEqualTo(csv.length);
        client.post().uri("/v2/models/m/infer").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(csv).exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void theReadingsEndpointReadsUpToTheDocumentedMegabyteAndRefusesMoreAsAProblem() {
        String reading = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"sensors\":{\"torque\":{\"value\":40}}}";
        // 900 kB: past the codecs' default 256 kB, within edge.security.max-body-size; preprocessing is down here,
        // so reaching it (503 naming it) proves the body was read whole.
        client.post().uri("/api/v1/devices/mill-01/readings").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(reading + " ".repeat(900 * 1024)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("preprocessing");
        client.post().uri("/api/v1/devices/mill-01/readings").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(reading + " ".repeat(1100 * 1024)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Payload too large");
    }

    private static HttpServer startFakeInference() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                var h = exchange.getRequestHeaders();
                if (exchange.getRequestURI().getPath().endsWith("/train")) {
                    // Training answers when the model is trained: slower than inference's own time limit. The
                    // answer is sent later from another thread, so the server keeps serving meanwhile.
                    long received = exchange.getRequestBody().readAllBytes().length;
                    CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS).execute(() -> {
                        try {
                            byte[] body = ("{\"received\":" + received + "}").getBytes(StandardCharsets.UTF_8);
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.sendResponseHeaders(201, body.length);
                            exchange.getResponseBody().write(body);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            exchange.close();
                        }
                    });
                    return;
                }
                byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath()
                        + "\",\"token\":\"" + String.valueOf(h.getFirst("X-Edge-Internal-Token"))
                        + "\",\"apiKey\":\"" + (h.containsKey("X-API-Key") ? h.getFirst("X-API-Key") : "")
                        + "\",\"caller\":\"" + h.getFirst("X-Edge-Caller") + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

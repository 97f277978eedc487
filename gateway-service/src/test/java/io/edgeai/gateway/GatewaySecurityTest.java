package io.edgeai.gateway;

import io.edgeai.gateway.security.ApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** API keys, roles, rate limits and body limits as a caller meets them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.security.rate-limits.viewer.per-second=1",
        "edge.security.rate-limits.viewer.burst=3",
        "edge.security.max-body-size=1KB"})
@AutoConfigureWebTestClient(timeout = "30s")
class GatewaySecurityTest {

    static final String VIEWER = "k-viewer";
    static final String VIEWER_2 = "k-viewer-2";
    static final String OPERATOR = "k-operator";
    static final String ADMIN = "k-admin";

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("api-keys", ".txt");
        Files.writeString(file, "# name:role:sha256\n"
                + "viewer:viewer:" + ApiKeyStore.sha256(VIEWER) + "\n"
                + "viewer-2:viewer:" + ApiKeyStore.sha256(VIEWER_2) + "\n"
                + "operator:operator:" + ApiKeyStore.sha256(OPERATOR) + "\n"
                + "admin:admin:" + ApiKeyStore.sha256(ADMIN) + "\n");
        registry.add("edge.security.api-keys-file", file::toString);
        String dead = "http://localhost:1"; // refuses at once; a once-free port may be taken by then
        for (String id : new String[] {"inference", "preprocessing", "postprocessing", "data-shard"}) {
            registry.add("edge.services." + id + ".uri", () -> dead);
        }
    }

    @Test
    void noKeyIs401WithAProblemAndAChallenge() {
        client.get().uri("/api/v1/shards").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "ApiKey header=\"X-API-Key\"")
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions
                        .assertThat((String) d).contains("X-API-Key"));
        client.get().uri("/api/v1/shards").header("X-API-Key", "wrong").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aRefusalInAWebFilterNamesTheRequestsTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client.get().uri("/api/v1/shards").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.traceId").isEqualTo(traceId);
    }

    @Test
    void healthNeedsNoKey() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void rolesGateWritesAndModelManagement() {
        client.post().uri("/api/v1/postprocessing/decisions").header("X-API-Key", VIEWER_2)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions
                        .assertThat((String) d).contains("needs role operator"));
        client.post().uri("/v2/repository/models/m/load").header("X-API-Key", OPERATOR).exchange()
                .expectStatus().isForbidden();
        // Allowed through security: the (dead) service then answers 503.
        client.post().uri("/api/v1/postprocessing/decisions").header("X-API-Key", OPERATOR)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503);
        client.post().uri("/v2/repository/models/m/load").header("X-API-Key", ADMIN).exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void notesAreWrittenByOperatorsAndReadByViewers() {
        client.post().uri("/api/v1/devices/press-1/notes").header("X-API-Key", VIEWER_2)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"pump smoking\"}").exchange()
                .expectStatus().isForbidden();
        // Allowed through security: with every service dead, the note cannot be stored (503), search cannot embed.
        client.post().uri("/api/v1/devices/press-1/notes").header("X-API-Key", OPERATOR)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"pump smoking\"}").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("data-shard");
        client.get().uri("/api/v1/notes/search?q=smoke").header("X-API-Key", VIEWER_2).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("inference");
    }

    @Test
    void overTheRateLimitIs429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/v1/shards").header("X-API-Key", VIEWER).exchange().expectStatus().isEqualTo(503);
        }
        client.get().uri("/api/v1/shards").header("X-API-Key", VIEWER).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void oversizedBodyIs413() {
        client.post().uri("/api/v1/postprocessing/decisions").header("X-API-Key", OPERATOR)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"x\":\"" + "a".repeat(2000) + "\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                // The body was never read: the connection must not carry another request.
                .expectHeader().valueEquals("Connection", "close");
        // The next request of the same client gets its answer (it hung for 30 s on a reused connection before).
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void aWildcardOrUnparsableContentTypeIs415NotA500FromTheService() {
        // Spring MVC behind the route threw on '*/*' while reading the body: 500 (the fault suite's corpus).
        for (String type : new String[] {"*/*", "application/*", "text/*"}) {
            client.post().uri("/api/v1/postprocessing/decisions").header("X-API-Key", OPERATOR)
                    .header("Content-Type", type).bodyValue("{}").exchange()
                    .expectStatus().isEqualTo(415)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions
                            .assertThat((String) d).contains("Content-Type"));
        }
        // Still no key: still 401 first.
        client.post().uri("/api/v1/postprocessing/decisions").header("Content-Type", "*/*").bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theFallbackPathIsNotAPublicResource() {
        // Only a route's circuit breaker forwards to /fallback/{service}; asked directly it answered 503.
        client.get().uri("/fallback/inference").header("X-API-Key", VIEWER_2).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // A route whose service is down still answers 503 through the same controller.
        client.get().uri("/v2").header("X-API-Key", VIEWER_2).exchange().expectStatus().isEqualTo(503);
    }
}

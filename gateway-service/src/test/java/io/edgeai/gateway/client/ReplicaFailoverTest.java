package io.edgeai.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.ReplicaProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.web.reactive.function.client.WebClient;

/** A stage with two replicas over real HTTP: round-robin while both answer, failover when one refuses. */
class ReplicaFailoverTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer a;
    private HttpServer b;

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {a, b}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    @Test
    void callsAlternateBetweenLiveReplicas() throws IOException {
        AtomicInteger hitsA = new AtomicInteger();
        AtomicInteger hitsB = new AtomicInteger();
        a = server("a", hitsA);
        b = server("b", hitsB);
        StageClient stages = stageClient(List.of(uri(a), uri(b)));

        for (int i = 0; i < 6; i++) {
            assertThat(stages.post("inference", "/v2/x", Map.of(), String.class).block()).isIn("\"a\"", "\"b\"");
        }

        assertThat(hitsA).hasValue(3);
        assertThat(hitsB).hasValue(3);
    }

    @Test
    void aReplicaRefusingConnectionsIsSkippedWithoutAFailedCall() throws IOException {
        AtomicInteger hitsB = new AtomicInteger();
        b = server("b", hitsB);
        URI dead = URI.create("http://127.0.0.1:" + closedPort());
        StageClient stages = stageClient(List.of(dead, uri(b)));

        for (int i = 0; i < 10; i++) {
            assertThat(stages.post("inference", "/v2/x", Map.of(), String.class).block()).isEqualTo("\"b\"");
        }

        assertThat(hitsB).hasValue(10);
        // Tried once, then kept at the back of the line for the down pause.
        assertThat(meters.get("edge.gateway.replica.failovers").counter().count()).isEqualTo(1.0);
    }

    private StageClient stageClient(List<URI> replicas) {
        DownstreamProperties services = new DownstreamProperties(Map.of("inference",
                new DownstreamProperties.Downstream(replicas.get(0), List.of("/v2/**"), Duration.ofSeconds(5))),
                Duration.ofMinutes(15));
        ReplicaBalancer balancer = new ReplicaBalancer(services,
                new ReplicaProperties(Map.of("inference", replicas), Duration.ofSeconds(30)), meters);
        var breakers = new ReactiveResilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(),
                TimeLimiterRegistry.of(
                TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).build()), null, new Resilience4JConfigurationProperties());
        return new StageClient(WebClient.create(), services, breakers, meters, balancer);
    }

    private static HttpServer server(String name, AtomicInteger hits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/x", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

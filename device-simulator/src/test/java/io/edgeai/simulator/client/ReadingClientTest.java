package io.edgeai.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.edgeai.simulator.machine.MachineType;
import io.edgeai.simulator.machine.Reading;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadingClientTest {

    private HttpServer server;
    private final Queue<Integer> scripted = new ArrayDeque<>();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private final TrafficStats stats = new TrafficStats();
    private ReadingClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/devices/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
            Integer code;
            synchronized (scripted) {
                code = scripted.isEmpty() ? 200 : scripted.poll();
            }
            if (code == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            byte[] body = (code == 200 ? "{\"results\":[{\"status\":\"NORMAL\"}]}" : "{\"title\":\"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new ReadingClient(ReadingClient.defaultHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "k3y",
                new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20)), stats, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Reading reading(int wear) {
        return new Reading("mill-01", Instant.parse("2026-11-28T19:00:00Z").plusSeconds(wear), MachineType.M,
                298.1, 308.6, 1551, 42.8, wear);
    }

    @Test
    void retriesTheSameBatchOn503And429AndKeepsTheDevicesOrder() throws InterruptedException {
        scripted.addAll(List.of(503, 503, 429, 200, 503, 200));
        assertThat(client.deliver("mill-01", List.of(reading(0), reading(3)), () -> false))
                .isEqualTo(Delivery.ACCEPTED);
        assertThat(client.deliver("mill-01", List.of(reading(6)), () -> false)).isEqualTo(Delivery.ACCEPTED);
        assertThat(client.deliver("mill-01", List.of(reading(9)), () -> false)).isEqualTo(Delivery.ACCEPTED);

        assertThat(received).hasSize(7);
        // Every attempt of the first batch carries the same body; the second batch only after the first was taken.
        assertThat(received.subList(0, 4)).containsOnly(received.get(0));
        assertThat(received.get(0)).contains("\"value\":0,").contains("\"value\":3,");
        assertThat(received.subList(4, 6)).containsOnly(received.get(4));
        assertThat(received.get(4)).contains("\"tool_wear\":{\"value\":6,");
        assertThat(received.get(6)).contains("\"tool_wear\":{\"value\":9,");
        assertThat(received).allSatisfy(r -> assertThat(r).startsWith("/api/v1/devices/mill-01/readings "));
        assertThat(keys).containsOnly("k3y");
        assertThat(stats.sentCount()).isEqualTo(4);
        assertThat(stats.okCount()).isEqualTo(4);
        assertThat(stats.retriedCount()).isEqualTo(4);
        assertThat(stats.failedCount()).isZero();
        assertThat(stats.httpStatuses()).containsEntry("503", 3L).containsEntry("429", 1L).containsEntry("200", 3L);
        assertThat(stats.summary()).contains("NORMAL=3");
    }

    @Test
    void aRefusalOtherThan429Or503IsNotRetried() throws InterruptedException {
        scripted.add(400);
        assertThat(client.deliver("mill-01", List.of(reading(0)), () -> false)).isEqualTo(Delivery.REJECTED);
        assertThat(received).hasSize(1);
        assertThat(stats.failedCount()).isEqualTo(1);
    }

    @Test
    void retriesWhileTheGatewayIsUnreachableAndGivesUpOnlyWhenStopping() throws InterruptedException {
        server.stop(0);
        int[] attempts = {0};
        assertThat(client.deliver("mill-01", List.of(reading(0)), () -> ++attempts[0] > 3))
                .isEqualTo(Delivery.ABANDONED);
        assertThat(stats.httpStatuses()).containsEntry("io-error", 4L);
        assertThat(stats.retriedCount()).isEqualTo(3);
    }
}

package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durable ingest as the issue demands it: clients stream readings through the gateway's pipeline, data-shard is
 * killed with SIGKILL in the middle of the load and started again, and afterwards every reading the gateway
 * acknowledged with a 2xx is in storage.
 */
class DurableIngestIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final int DEVICES = 4;

    static EdgeLauncher edge;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-durable"));
        edge.run("up", Duration.ofMinutes(4));
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    void noAcknowledgedReadingIsLostWhenDataShardIsKilledMidLoad() throws Exception {
        String key = edge.demoKey("operator");
        Map<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger spooled = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        ExecutorService clients = Executors.newFixedThreadPool(DEVICES);
        List<Future<?>> loops = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String device = "durable-" + d;
            acknowledged.put(device, ConcurrentHashMap.newKeySet());
            loops.add(clients.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    Instant ts = base.plusSeconds(i);
                    HttpResponse<String> response = post(device, ts, key);
                    if (response != null && response.statusCode() == 200) {
                        acknowledged.get(device).add(ts);
                        acks.incrementAndGet();
                        if (response.body().contains("\"SPOOLED\"")) {
                            spooled.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= 40);
        ProcessHandle shard = ProcessHandle.of(edge.pid("data-shard-service")).orElseThrow();
        shard.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !shard.isAlive());
        int atKill = acks.get();
        // The pipeline keeps accepting while storage is down: those readings wait in the gateway's spool.
        await().atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= atKill + 40);
        edge.run("up", Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> acks.get() >= atKill + 80);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        clients.shutdown();
        assertThat(spooled.get()).as("readings acknowledged while data-shard was down").isPositive();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Map.Entry<String, Set<Instant>> device : acknowledged.entrySet()) {
                assertThat(stored(device.getKey(), key)).as(device.getKey()).containsAll(device.getValue());
            }
        });
        // The backlog went out in merged groups, and data-shard took them whole: a group it refuses is resent one
        // batch at a time, which hides a bad merge from the check above (it happened: a '+' in merged batch ids).
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metric(metrics, "edge_spool_delivery_batches_max")).as("largest delivery group").isGreaterThan(1);
        assertThat(metric(metrics, "edge_spool_groups_split_total")).as("groups data-shard refused").isZero();
    }

    /** Sum of a metric over its label sets in a Prometheus text page (max for *_max). */
    static double metric(String page, String name) {
        double total = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                total = name.endsWith("_max") ? Math.max(total, value) : total + value;
            }
        }
        return total;
    }

    static HttpResponse<String> post(String device, Instant ts, String key) {
        try {
            return HTTP.send(GatewayReadings.post(edge.gateway(), device, ts, key, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    static Set<Instant> stored(String device, String key) throws Exception {
        return new HashSet<>(GatewayReadings.stored(HTTP, edge.gateway(), device, key, Duration.ofSeconds(10)));
    }
}

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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several nodes on one box, as {@code ./edge up --shards 3 --inference 2} starts them: three data-shard processes
 * owning their shards by ordinal and two inference replicas behind the gateway. Devices land on their owners, fleet
 * reads merge every owner, a data-shard owner killed with SIGKILL under load costs no acknowledged reading and does
 * not hold up the other owners' devices, and a killed inference replica costs at most the requests in flight.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final int SHARDS = 3;
    static final int CLIENTS = 6;
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    static EdgeLauncher edge;
    static String operator;
    /** Two devices per data-shard owner, keyed by device, valued by owner ordinal. */
    static final Map<String, Integer> OWNER = new LinkedHashMap<>();

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-multinode"), SHARDS, 2);
        String printed = edge.run("up", Duration.ofMinutes(8));
        assertThat(printed).contains("3 data-shard instances", "2 inference replicas", "all 8 services ready");
        operator = edge.demoKey("operator");
        int[] perOwner = new int[SHARDS];
        for (int i = 0; OWNER.size() < 2 * SHARDS; i++) {
            String device = "node-" + i;
            int owner = JSON.readTree(get("/api/v1/shards/devices/" + device).body()).path("owner").asInt();
            if (perOwner[owner]++ < 2) {
                OWNER.put(device, owner);
            }
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
            // Eight services' data, two model repositories' worth of natives: not left in the temp folder.
            try (var files = Files.walk(edge.home())) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void devicesLandOnTheirOwnersAndFleetReadsMergeEveryOwner() throws Exception {
        for (String device : OWNER.keySet()) {
            assertThat(post(device, BASE).statusCode()).isEqualTo(200);
        }
        String token = edge.internalToken();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Map.Entry<String, Integer> device : OWNER.entrySet()) {
                // Asked directly, the owning instance holds the device's reading.
                String owner = "http://localhost:" + edge.port(EdgeLauncher.instance("data-shard-service",
                        device.getValue()));
                HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(owner
                                + "/api/v1/devices/" + device.getKey() + "/history"))
                        .header("X-Edge-Internal-Token", token).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(direct.statusCode()).as(device.getKey()).isEqualTo(200);
                assertThat(JSON.readTree(direct.body()).path("items").size()).as(device.getKey()).isEqualTo(1);
            }
        });
        JsonNode fleet = JSON.readTree(get("/api/v1/devices/status").body());
        Set<String> listed = new HashSet<>();
        fleet.path("items").forEach(item -> listed.add(item.path("deviceId").asString()));
        assertThat(listed).containsAll(OWNER.keySet());
        assertThat(fleet.path("shards").size()).as("shards answered by the three owners together").isEqualTo(16);
    }

    @Test
    @Order(2)
    void aKilledShardOwnerLosesNothingAcknowledgedAndHoldsNoOtherOwnerUp() throws Exception {
        int victim = 1;
        try (Load load = new Load(List.copyOf(OWNER.keySet()), 1_000)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acks.get() >= 60);
            ProcessHandle shard = ProcessHandle.of(edge.pid(EdgeLauncher.instance("data-shard-service", victim)))
                    .orElseThrow();
            shard.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !shard.isAlive());
            int atKill = load.acks.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acks.get() >= atKill + 60);

            // While the victim is down, the other owners' devices are stored and readable as before.
            for (Map.Entry<String, Integer> device : OWNER.entrySet()) {
                if (device.getValue() != victim) {
                    Set<Instant> acked = Set.copyOf(load.acknowledged.get(device.getKey()));
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(stored(device.getKey())).as(device.getKey()).containsAll(acked));
                }
            }
            assertThat(load.spooled.get()).as("the victim's readings waited in the gateway's spool").isPositive();

            edge.run("up", Duration.ofMinutes(3)); // restarts exactly the instance that died
            int atRestart = load.acks.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acks.get() >= atRestart + 30);
            load.stop();
            assertThat(load.failed.get()).as("readings refused while an owner was down").isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (Map.Entry<String, Set<Instant>> device : load.acknowledged.entrySet()) {
                    assertThat(stored(device.getKey())).as(device.getKey()).containsAll(device.getValue());
                }
            });
        }
    }

    @Test
    @Order(3)
    void aKilledInferenceReplicaCostsAtMostTheRequestsInFlight() throws Exception {
        try (Load load = new Load(List.copyOf(OWNER.keySet()), 100_000)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acks.get() >= 60);
            assertThat(load.failed.get()).isZero();
            // Replica 0: also the one preprocessing and postprocessing read model configs from (they keep theirs).
            ProcessHandle replica = ProcessHandle.of(edge.pid("inference-service")).orElseThrow();
            replica.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !replica.isAlive());
            int atKill = load.acks.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acks.get() >= atKill + 120);
            load.stop();
            assertThat(load.failed.get()).as("requests failed beyond the %d in flight", CLIENTS)
                    .isLessThanOrEqualTo(CLIENTS);
        }
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("edge_gateway_replica_failovers_total");
    }

    /** Clients streaming one reading per request for the given devices until stopped. */
    static final class Load implements AutoCloseable {

        final Map<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger spooled = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> loops = new ArrayList<>();

        Load(List<String> devices, int firstSecond) {
            for (String device : devices) {
                acknowledged.put(device, ConcurrentHashMap.newKeySet());
                loops.add(clients.submit(() -> {
                    for (int i = firstSecond; running.get(); i++) {
                        Instant ts = BASE.plusSeconds(i);
                        HttpResponse<String> response = post(device, ts);
                        if (response != null && response.statusCode() == 200) {
                            acknowledged.get(device).add(ts);
                            acks.incrementAndGet();
                            if (response.body().contains("\"SPOOLED\"")) {
                                spooled.incrementAndGet();
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            clients.shutdownNow();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway() + path)).header("X-API-Key", operator)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String device, Instant ts) {
        try {
            return HTTP.send(GatewayReadings.post(edge.gateway(), device, ts, operator, Duration.ofSeconds(15)),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    static Set<Instant> stored(String device) throws Exception {
        return new HashSet<>(GatewayReadings.stored(HTTP, edge.gateway(), device, operator, Duration.ofSeconds(10)));
    }
}

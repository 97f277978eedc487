package io.edgeai.datashard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.datashard.TestHttp.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the service's JVM (SIGKILL) in the middle of a write load, restarts it on the same files and checks that
 * every acknowledged reading is there, that no batch is half-written in any shard, and that retrying the
 * unacknowledged batches completes them without a single duplicate. Operators' notes get the same check.
 */
class KillDuringWritesTest {

    static final int WRITERS = 3;
    static final int READINGS_PER_BATCH = 40;
    static final List<String> DEVICES = List.of("kill-a", "kill-b", "kill-c", "kill-d", "kill-e", "kill-f");
    static final Instant BASE = Instant.parse("2026-11-28T00:00:00Z");

    @TempDir
    Path dataDir;

    Process service;

    /** One batch as sent: its body and the readings it carries, by shard. */
    record SentBatch(String batchId, Map<String, Object> body, Set<String> keys) {
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void noAcknowledgedReadingIsLostWhenTheProcessIsKilled() throws Exception {
        int port = start("first");
        TestHttp http = new TestHttp(port);

        Map<String, SentBatch> sent = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int b = 0; !stop.get(); b++) {
                    SentBatch batch = batch(writer, b);
                    sent.put(batch.batchId(), batch);
                    try {
                        Answer answer = http.post("/api/v1/storage/batches", batch.body());
                        if (answer.status() / 100 == 2) {
                            acknowledged.add(batch.batchId());
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 60);
        service.destroyForcibly().waitFor();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Set<String> ackedAtKill = Set.copyOf(acknowledged);

        TestHttp restarted = new TestHttp(start("second"));
        Set<String> stored = storedKeys(restarted);
        for (String batchId : ackedAtKill) {
            assertThat(stored).as("acknowledged batch %s", batchId).containsAll(sent.get(batchId).keys());
        }
        for (SentBatch batch : sent.values()) {
            for (Set<String> part : byShard(batch.keys()).values()) {
                Set<String> present = new HashSet<>(part);
                present.retainAll(stored);
                assertThat(present).as("shard part of batch %s is all or nothing", batch.batchId())
                        .satisfiesAnyOf(p -> assertThat(p).isEmpty(), p -> assertThat(p).isEqualTo(part));
            }
        }

        Set<String> expected = new HashSet<>();
        for (SentBatch batch : sent.values()) {
            Answer retry = restarted.post("/api/v1/storage/batches", batch.body());
            assertThat(retry.status()).as(retry.body()).isEqualTo(200);
            expected.addAll(batch.keys());
        }
        List<String> all = storedKeyList(restarted);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(Set.copyOf(all)).isEqualTo(expected);
    }

    @Test
    void noAcknowledgedNoteIsLostWhenTheProcessIsKilled() throws Exception {
        TestHttp http = new TestHttp(start("notes-first"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String id = "note-w" + writer + "-" + n;
                    Map<String, Object> note = Map.of("noteId", id, "deviceId", DEVICES.get(n % DEVICES.size()),
                            "author", "olga", "text", "pump smoking up, note " + n,
                            "createdAt", BASE.plusSeconds(n).toString(),
                            "embedding", Map.of("model", "enc", "version", "1",
                                    "vector", List.of(1.0, (double) n, (double) writer)));
                    try {
                        if (http.post("/api/v1/notes", note).status() / 100 == 2) {
                            acknowledged.add(id);
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 60);
        service.destroyForcibly().waitFor();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        TestHttp restarted = new TestHttp(start("notes-second"));
        Set<String> stored = new HashSet<>();
        for (String device : DEVICES) {
            for (JsonNode note : restarted.get("/api/v1/devices/" + device + "/notes?limit=500").json().get("items")) {
                stored.add(note.get("noteId").asString());
            }
        }
        assertThat(stored).containsAll(acknowledged);
    }

    private static SentBatch batch(int writer, int b) {
        String batchId = "kill-w" + writer + "-b" + b;
        List<Object> readings = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < READINGS_PER_BATCH; i++) {
            String device = DEVICES.get(i % DEVICES.size());
            Instant t = BASE.plusMillis(((long) b * READINGS_PER_BATCH + i) * WRITERS + writer);
            readings.add(Map.of("deviceId", device, "timestamp", t.toString(),
                    "sensors", Map.of("torque", Map.of("value", (double) i, "unit", "Nm"))));
            keys.add(device + "|" + t);
        }
        return new SentBatch(batchId, Map.of("batchId", batchId, "readings", readings), keys);
    }

    private static Map<Integer, Set<String>> byShard(Set<String> keys) {
        Map<Integer, Set<String>> parts = new HashMap<>();
        for (String key : keys) {
            String device = key.substring(0, key.indexOf('|'));
            parts.computeIfAbsent(io.edgeai.contracts.ShardFunction.shardOf(device, 16), s -> new HashSet<>())
                    .add(key);
        }
        return parts;
    }

    private static Set<String> storedKeys(TestHttp http) {
        return new HashSet<>(storedKeyList(http));
    }

    private static List<String> storedKeyList(TestHttp http) {
        List<String> keys = new ArrayList<>();
        for (String device : DEVICES) {
            for (int page = 0; ; page++) {
                JsonNode answer = http.get("/api/v1/devices/" + device + "/history?order=asc&size=1000&page=" + page)
                        .json();
                for (JsonNode item : answer.get("items")) {
                    keys.add(device + "|" + Instant.parse(item.get("timestamp").asString()));
                }
                if (!answer.get("hasMore").asBoolean()) {
                    break;
                }
            }
        }
        return keys;
    }

    /** Starts the service as its own JVM on the test's data directory and waits until it is ready. */
    private int start(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        service = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.edgeai.datashard.DataShardApplication",
                "--server.port=" + port,
                "--edge.shards.data-dir=" + dataDir,
                "--edge.retention.enabled=false",
                "--edge.internal.token=",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestHttp http = new TestHttp(port);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    if (!service.isAlive()) {
                        throw new IllegalStateException("service died: " + Files.readString(log));
                    }
                    return http.get("/actuator/health/readiness").status() == 200;
                });
        return port;
    }

}

package io.edgeai.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.client.DataShardWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeliveryLaneTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void queuedBatchesTravelTogetherAndARefusedOneIsIsolatedToTheDeadLetters() throws Exception {
        List<JsonNode> sent = new CopyOnWriteArrayList<>();
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DataShardWriter writer = new DataShardWriter(new InternalCredential(null)) {
            @Override
            public Outcome write(URI owner, byte[] batch, StringBuilder detail) {
                JsonNode json = JSON.readTree(batch);
                sent.add(json);
                if (sent.size() == 1) {
                    firstInFlight.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (json.toString().contains("bad")) {
                    detail.append("400 readings[0].sensors: bad");
                    return Outcome.REJECTED;
                }
                return Outcome.STORED;
            }
        };
        List<Long> delivered = new CopyOnWriteArrayList<>();
        DeliveryLane lane = new DeliveryLane(URI.create("http://shard"), "t", writer, new BatchMerger(JSON), 64,
                Duration.ZERO, Duration.ofMillis(100), e -> delivered.add(e.seq()), new SimpleMeterRegistry());
        lane.deadLetterFile(dir.resolve("dead-letters.jsonl"));
        lane.start();
        lane.enqueue(entry(1, "ok-1"));
        firstInFlight.await();
        // These three queue up while the first request is in flight, so they go out together.
        lane.enqueue(entry(2, "ok-2"));
        lane.enqueue(entry(3, "bad"));
        lane.enqueue(entry(4, "ok-4"));
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 4);
        lane.stop();
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sent.get(1).path("readings")).hasSize(3);
        assertThat(sent.get(1).path("batchId").asString()).isEqualTo("b2:2:b4");
        // The refused group was resent one batch at a time: ok-2, bad, ok-4.
        assertThat(sent.subList(2, 5)).extracting(j -> j.path("batchId").asString()).containsExactly("b2", "b3", "b4");
        assertThat(Files.readString(dir.resolve("dead-letters.jsonl"))).contains("\"seq\":3").contains("bad");
    }

    @Test
    void batchesArrivingWithinTheLingerShareOneRequest() throws Exception {
        List<JsonNode> sent = new CopyOnWriteArrayList<>();
        DataShardWriter writer = new DataShardWriter(new InternalCredential(null)) {
            @Override
            public Outcome write(URI owner, byte[] batch, StringBuilder detail) {
                sent.add(JSON.readTree(batch));
                return Outcome.STORED;
            }
        };
        List<Long> delivered = new CopyOnWriteArrayList<>();
        // A long linger so the test does not depend on the scheduler; the group is full at 3 and leaves at once.
        DeliveryLane lane = new DeliveryLane(URI.create("http://shard"), "t", writer, new BatchMerger(JSON), 3,
                Duration.ofSeconds(30), Duration.ofMillis(100), e -> delivered.add(e.seq()),
                new SimpleMeterRegistry());
        lane.start();
        lane.enqueue(entry(1, "a"));
        // The lane has taken batch 1 and holds it in its linger.
        await().atMost(Duration.ofSeconds(5)).until(() -> lane.queued() == 0);
        lane.enqueue(entry(2, "b"));
        lane.enqueue(entry(3, "c"));
        lane.enqueue(entry(4, "d"));

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 3);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("readings")).hasSize(3);
        // Batch 4 waits for company in the next group, up to the linger; stop() leaves it to the spool's replay.
        lane.stop();
        assertThat(delivered).containsExactly(1L, 2L, 3L);
    }

    private static SpoolEntry entry(long seq, String tag) {
        String json = "{\"batchId\":\"b" + seq + "\",\"readings\":[{\"deviceId\":\"d\",\"tag\":\"" + tag + "\"}],"
                + "\"predictions\":[],\"alerts\":[]}";
        return new SpoolEntry(seq, "d", json.getBytes(StandardCharsets.UTF_8));
    }
}

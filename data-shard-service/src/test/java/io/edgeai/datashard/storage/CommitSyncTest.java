package io.edgeai.datashard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.config.StoreProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability fsync: every committed write is forced to disk before it returns, once per shard a write touched, and
 * concurrent batches over many shards (whose fsyncs run side by side under the batches' locks) all finish.
 */
class CommitSyncTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    final List<ShardStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(ShardStore::close);
    }

    ShardStore open(int shard, StoreProperties.Durability durability) {
        StoreProperties props = H2ShardStoreTest.properties(Map.of("durability", durability.name()));
        var dataSource = ShardDatabase.open(props, dir, shard);
        ShardStore store = new ShardStore(shard, dataSource, "test", durability == StoreProperties.Durability.FSYNC
                ? CommitSync.h2Fsync(dataSource) : CommitSync.none());
        stores.add(store);
        return store;
    }

    static BatchPart part(String batchId, String device, int second) {
        return new BatchPart(batchId, "d", List.of(new Reading(device, T.plusSeconds(second), "L",
                Map.of("torque", new Reading.Measurement(42.5, "Nm")))), List.of(), List.of());
    }

    @Test
    void eachCommittedWriteIsForcedToDiskOnceWithFsyncAndNeverWithOs() {
        ShardStore synced = open(1, StoreProperties.Durability.FSYNC);
        ShardStore plain = open(2, StoreProperties.Durability.OS);
        for (int i = 0; i < 3; i++) {
            synced.batches().write(part("b" + i, "press-1", i));
            plain.batches().write(part("b" + i, "press-2", i));
        }
        synced.alerts().acknowledge("none", "olga", true, null, T); // a write transaction too, even when empty
        assertThat(synced.commitSync().count()).isEqualTo(4);
        assertThat(synced.commitSync().totalNanos()).isPositive();
        assertThat(plain.commitSync().forcesToDisk()).isFalse();
        assertThat(plain.commitSync().count()).isZero();
    }

    @Test
    void concurrentBatchesOverManyShardsSyncEachShardOncePerBatchAndAllFinish() {
        List<ShardStore> all = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            all.add(open(s, StoreProperties.Durability.FSYNC));
        }
        AtomicInteger batches = new AtomicInteger();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int b = 0; b < 10; b++) {
                    int second = writer * 100 + b;
                    String batchId = "w" + writer + "-" + b;
                    ShardStore.holdingWriteLocks(all, () -> {
                        for (ShardStore store : all) {
                            store.batches().write(part(batchId, "dev-" + store.shard(), second));
                        }
                        return null;
                    });
                    batches.incrementAndGet();
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> writers.stream().allMatch(CompletableFuture::isDone));
        writers.forEach(CompletableFuture::join);
        assertThat(batches.get()).isEqualTo(40);
        for (ShardStore store : all) {
            assertThat(store.commitSync().count()).as("fsyncs of shard %d", store.shard()).isEqualTo(40);
            assertThat(store.count("reading")).isEqualTo(40);
        }
    }
}

package io.edgeai.datashard.retention;

import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.RetentionResult;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes data past its age and beyond the per-shard row cap, one shard at a time, on a schedule. */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionProperties properties;
    private final ShardRegistry shards;
    private final ShardMetrics metrics;
    private final Clock clock;

    public RetentionJob(RetentionProperties properties, ShardRegistry shards, ShardMetrics metrics) {
        this.properties = properties;
        this.shards = shards;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(initialDelayString = "${edge.retention.interval:1h}", fixedDelayString = "${edge.retention.interval:1h}")
    public void scheduled() {
        if (properties.enabled()) {
            run();
        }
    }

    /** One pass over every owned shard; returns the rows deleted. */
    public long run() {
        long total = 0;
        long cutoff = ShardStore.micros(Instant.now(clock).minus(properties.maxAge()));
        for (ShardStore store : shards.owned()) {
            store.writeLock().lock();
            try {
                RetentionResult byAge = store.deleteOlderThan(cutoff);
                RetentionResult byCap = store.deleteBeyondCap(properties.maxReadingsPerShard());
                metrics.deleted(store.shard(), "age", byAge);
                metrics.deleted(store.shard(), "cap", byCap);
                metrics.recount(store);
                total += byAge.total() + byCap.total();
                if (byAge.total() + byCap.total() > 0) {
                    log.info("Retention deleted {} rows by age and {} by cap in shard {}", byAge.total(),
                            byCap.total(), store.shard());
                }
            } catch (RuntimeException e) {
                log.warn("Retention of shard {} failed, will retry next pass: {}", store.shard(), e.getMessage());
            } finally {
                store.writeLock().unlock();
            }
        }
        return total;
    }
}

package io.edgeai.datashard.retention;

import io.edgeai.datashard.config.RetentionProperties;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.EpochMicros;
import io.edgeai.datashard.storage.RetentionDeletes;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.RetentionResult;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
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
        long ageCutoff = EpochMicros.of(Instant.now(clock).minus(properties.maxAge()));
        for (ShardStore store : shards.owned()) {
            try {
                long byAge = deleteBefore(store, ageCutoff, "age");
                RetentionResult bookkeeping = store.retention().bookkeepingBefore(ageCutoff);
                metrics.deleted(store.shard(), "age", bookkeeping);
                byAge += bookkeeping.total();
                OptionalLong capCutoff = store.retention().capCutoff(properties.maxReadingsPerShard());
                long byCap = capCutoff.isPresent() ? deleteBefore(store, capCutoff.getAsLong(), "cap") : 0;
                metrics.recount(store);
                total += byAge + byCap;
                if (byAge + byCap > 0) {
                    log.info("Retention deleted {} rows by age and {} by cap in shard {}", byAge, byCap,
                            store.shard());
                }
            } catch (RuntimeException e) {
                log.warn("Retention of shard {} failed, will retry next pass: {}", store.shard(), e.getMessage());
            }
        }
        return total;
    }

    /** Deletes in slices, each its own write transaction, so writes interleave with retention. */
    private long deleteBefore(ShardStore store, long cutoffUs, String reason) {
        long deleted = 0;
        boolean more = true;
        while (more) {
            RetentionDeletes.Slice slice = store.retention().sliceBefore(cutoffUs, properties.sliceReadings());
            metrics.deleted(store.shard(), reason, slice.deleted());
            deleted += slice.deleted().total();
            more = slice.more();
        }
        return deleted;
    }
}

package io.edgeai.datashard.sharding;

import io.edgeai.datashard.storage.CommitSync;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.RetentionResult;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters per shard: rows and batches written, write latency, rows held and rows deleted by retention.
 *
 * <p>Rows held are counted once at start and after each retention pass, and moved by writes in between, so a
 * Prometheus scrape never runs COUNT(*) on a big table.
 */
@Component
public class ShardMetrics {

    static final List<String> TABLES = List.of("reading", "prediction", "alert_event", "alert", "feedback", "note");

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
    private final Map<Integer, Timer> writeTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ShardMetrics(MeterRegistry registry, ShardRegistry shards) {
        this.registry = registry;
        for (ShardStore store : shards.owned()) {
            for (String table : TABLES) {
                AtomicLong held = rows.computeIfAbsent(key(store.shard(), table), k -> new AtomicLong());
                Gauge.builder("edge.shard.rows", held, AtomicLong::get)
                        .description("Rows held by a shard, per table")
                        .tag("shard", tag(store.shard())).tag("table", table)
                        .register(registry);
            }
            recount(store);
            if (store.commitSync().forcesToDisk()) {
                FunctionTimer.builder("edge.shard.fsync", store.commitSync(), CommitSync::count,
                                CommitSync::totalNanos, TimeUnit.NANOSECONDS)
                        .description("fsyncs of a shard's file after a commit (durability fsync) and their time")
                        .tag("shard", tag(store.shard())).register(registry);
            }
        }
    }

    static String tag(int shard) {
        return String.format("%02d", shard);
    }

    private static String key(int shard, String table) {
        return shard + "/" + table;
    }

    /** Re-reads the row counts of a shard. */
    public void recount(ShardStore store) {
        for (String table : TABLES) {
            rows.get(key(store.shard(), table)).set(store.count(table));
        }
    }

    public Timer writeTimer(int shard) {
        return writeTimers.computeIfAbsent(shard, s -> Timer.builder("edge.shard.write")
                .description("Time to write one shard's part of a batch")
                .tag("shard", tag(s)).publishPercentileHistogram().register(registry));
    }

    public void written(WriteResult result) {
        String shard = tag(result.shard());
        batch(result.shard(), result.duplicateBatch() ? "duplicate" : "stored");
        rowsWritten(shard, "reading", result.readings());
        rowsWritten(shard, "prediction", result.predictions());
        rowsWritten(shard, "alert_event", result.alertEvents());
        rows.get(key(result.shard(), "reading")).addAndGet(result.readings());
        rows.get(key(result.shard(), "prediction")).addAndGet(result.predictions());
        rows.get(key(result.shard(), "alert_event")).addAndGet(result.alertEvents());
    }

    /** A note was stored in the shard. */
    public void noteWritten(int shard) {
        rowsWritten(tag(shard), "note", 1);
        rows.get(key(shard, "note")).incrementAndGet();
    }

    public void batch(int shard, String outcome) {
        counters.computeIfAbsent("batches/" + shard + "/" + outcome, k -> Counter.builder("edge.shard.batches")
                .description("Batch parts written to a shard, by outcome")
                .tag("shard", tag(shard)).tag("outcome", outcome).register(registry)).increment();
    }

    private void rowsWritten(String shard, String table, int n) {
        if (n > 0) {
            counters.computeIfAbsent("rows/" + shard + "/" + table, k -> Counter.builder("edge.shard.rows.written")
                    .description("Rows written to a shard")
                    .tag("shard", shard).tag("table", table).register(registry)).increment(n);
        }
    }

    public void deleted(int shard, String reason, RetentionResult result) {
        deleted(shard, reason, "reading", result.readings());
        deleted(shard, reason, "prediction", result.predictions());
        deleted(shard, reason, "alert_event", result.alertEvents());
        deleted(shard, reason, "alert", result.alerts());
        deleted(shard, reason, "feedback", result.feedback());
    }

    private void deleted(int shard, String reason, String table, long n) {
        Counter.builder("edge.retention.rows.deleted").description("Rows deleted by retention")
                .tag("shard", tag(shard)).tag("table", table).tag("reason", reason).register(registry).increment(n);
    }
}

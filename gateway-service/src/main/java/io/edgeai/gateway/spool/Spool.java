package io.edgeai.gateway.spool;

import io.edgeai.gateway.client.DataShardWriter;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.config.SpoolProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes accepted readings durable before the gateway answers 2xx, and delivers them to data-shard in order.
 *
 * <p>Every batch is appended to the {@link SpoolLog} (fsync'd) and then handed to one of the {@link DeliveryLane}s
 * of the data-shard instance that owns its device, always the same lane for the same device. A lane delivers in
 * spool order, so a device's batches reach storage in the order they were accepted, and retries while its instance
 * is down; several lanes per instance deliver different devices in parallel, and one instance being down never
 * holds up the others. After a restart, undelivered entries are delivered again.
 */
@Component
public class Spool implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final SpoolLog spoolLog;
    private final ShardRouter router;
    private final SpoolProperties properties;
    private final List<DeliveryLane> lanes;
    private final Map<Long, CompletableFuture<Void>> deliveries = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Long> undelivered = new ConcurrentSkipListSet<>();
    /** Each device's newest undelivered batch: a lane delivers a device's batches in order, so that one is last. */
    private final Map<String, Long> newestUndelivered = new ConcurrentHashMap<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong();
    private final ScheduledExecutorService watermark = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spool-watermark");
        t.setDaemon(true);
        return t;
    });
    private final Counter accepted;
    private final Counter refused;
    private volatile long persistedWatermark = -1;

    public Spool(SpoolProperties properties, ShardRouter router, DataShardWriter writer, BatchMerger merger,
                 MeterRegistry meters) throws IOException {
        this.properties = properties;
        this.router = router;
        this.spoolLog = new SpoolLog(properties.dir(), properties.segmentSize().toBytes());
        List<DeliveryLane> all = new ArrayList<>();
        for (int o = 0; o < router.owners().size(); o++) {
            URI owner = router.owners().get(o);
            for (int l = 0; l < properties.lanesPerOwner(); l++) {
                all.add(new DeliveryLane(owner, o + "-" + l, writer, merger, properties.maxGroup(),
                        properties.deliveryLinger(), properties.retryBackoff(), this::delivered, meters));
            }
        }
        this.lanes = List.copyOf(all);
        lanes.forEach(lane -> lane.deadLetterFile(properties.dir().resolve("dead-letters.jsonl")));
        this.accepted = meters.counter("edge.spool.appended");
        this.refused = meters.counter("edge.spool.refused");
        Gauge.builder("edge.spool.pending.bytes", pendingBytes, AtomicLong::get).register(meters);
        Gauge.builder("edge.spool.pending.batches", undelivered, s -> s.size()).register(meters);
        Gauge.builder("edge.spool.capacity.bytes", () -> properties.maxSize().toBytes()).register(meters);

        List<SpoolEntry> recovered = spoolLog.recover();
        for (SpoolEntry entry : recovered) {
            track(entry);
        }
        if (!recovered.isEmpty()) {
            log.info("Spool recovered {} undelivered batches ({} bytes) from {}; delivering them now",
                    recovered.size(), pendingBytes.get(), properties.dir());
        }
        lanes.forEach(DeliveryLane::start);
        watermark.scheduleWithFixedDelay(this::persistWatermark, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Makes a batch durable. The returned future completes when it is on disk; a batch refused because the spool is
     * full or the disk failed completes exceptionally with {@link SpoolFullException} or an I/O error.
     */
    public CompletableFuture<SpoolEntry> append(String deviceId, byte[] payload) {
        long size = payload.length;
        if (pendingBytes.addAndGet(size) > properties.maxSize().toBytes()) {
            pendingBytes.addAndGet(-size);
            refused.increment();
            return CompletableFuture.failedFuture(new SpoolFullException(properties.maxSize().toBytes()));
        }
        return spoolLog.append(deviceId, payload).whenComplete((entry, error) -> {
            if (error != null) {
                pendingBytes.addAndGet(-size);
            } else {
                accepted.increment();
                track(entry);
            }
        });
    }

    /**
     * Makes several batches durable together: one group in the log, one fsync (see {@link SpoolLog#appendAll}). Each
     * future completes like {@link #append}'s; a batch that does not fit fails alone with {@link SpoolFullException}.
     */
    public List<CompletableFuture<SpoolEntry>> appendAll(List<String> deviceIds, List<byte[]> payloads) {
        List<CompletableFuture<SpoolEntry>> out = new ArrayList<>(deviceIds.size());
        List<String> ids = new ArrayList<>(deviceIds.size());
        List<byte[]> fitting = new ArrayList<>(deviceIds.size());
        List<Integer> at = new ArrayList<>(deviceIds.size());
        for (int i = 0; i < deviceIds.size(); i++) {
            long size = payloads.get(i).length;
            if (pendingBytes.addAndGet(size) > properties.maxSize().toBytes()) {
                pendingBytes.addAndGet(-size);
                refused.increment();
                out.add(CompletableFuture.failedFuture(new SpoolFullException(properties.maxSize().toBytes())));
            } else {
                ids.add(deviceIds.get(i));
                fitting.add(payloads.get(i));
                at.add(i);
                out.add(null);
            }
        }
        List<CompletableFuture<SpoolEntry>> written = spoolLog.appendAll(ids, fitting);
        for (int j = 0; j < written.size(); j++) {
            long size = fitting.get(j).length;
            out.set(at.get(j), written.get(j).whenComplete((entry, error) -> {
                if (error != null) {
                    pendingBytes.addAndGet(-size);
                } else {
                    accepted.increment();
                    track(entry);
                }
            }));
        }
        return out;
    }

    /**
     * Completes when the entry has reached data-shard (or at once if it already has). Each caller gets its own copy,
     * so one that gives up and cancels (a reply's store-wait timing out) cannot cancel it for the others.
     */
    public CompletableFuture<Void> delivery(long seq) {
        CompletableFuture<Void> f = deliveries.get(seq);
        return f == null ? CompletableFuture.completedFuture(null) : f.copy();
    }

    /**
     * Completes when every batch of the device accepted so far has reached data-shard (at once when none waits):
     * what a reader that must see its own writes, such as feedback on a prediction just made, waits for.
     */
    public CompletableFuture<Void> deliveredFor(String deviceId) {
        Long seq = newestUndelivered.get(deviceId);
        return seq == null ? CompletableFuture.completedFuture(null) : delivery(seq);
    }

    /** True when no more batches fit until data-shard catches up. */
    public boolean isFull() {
        return pendingBytes.get() >= properties.maxSize().toBytes();
    }

    public long capacityBytes() {
        return properties.maxSize().toBytes();
    }

    public long pendingBytes() {
        return pendingBytes.get();
    }

    public int pendingBatches() {
        return undelivered.size();
    }

    private void track(SpoolEntry entry) {
        lastSeq.accumulateAndGet(entry.seq(), Math::max);
        deliveries.put(entry.seq(), new CompletableFuture<>());
        undelivered.add(entry.seq());
        newestUndelivered.merge(entry.deviceId(), entry.seq(), Math::max);
        lanes.get(laneOf(entry.deviceId())).enqueue(entry);
    }

    /**
     * A device's lane: its owner's block of lanes, then its shard's place among the owner's shards, so a device's
     * batches stay in order and one lane's group touches as few of data-shard's shard databases (one commit each)
     * as it can.
     */
    private int laneOf(String deviceId) {
        int perOwner = properties.lanesPerOwner();
        int owners = router.owners().size();
        return router.ownerIndex(deviceId) * perOwner + Math.floorMod(router.shardOf(deviceId) / owners, perOwner);
    }

    private void delivered(SpoolEntry entry) {
        undelivered.remove(entry.seq());
        newestUndelivered.remove(entry.deviceId(), entry.seq());
        pendingBytes.addAndGet(-entry.payload().length);
        CompletableFuture<Void> f = deliveries.remove(entry.seq());
        if (f != null) {
            f.complete(null);
        }
    }

    private void persistWatermark() {
        Long lowest = undelivered.isEmpty() ? null : undelivered.first();
        long mark = lowest == null ? lastSeq.get() : lowest - 1;
        if (mark > persistedWatermark) {
            spoolLog.markDelivered(mark);
            persistedWatermark = mark;
        }
    }

    @Override
    public void destroy() {
        lanes.forEach(DeliveryLane::stop);
        watermark.shutdown();
        persistWatermark();
        spoolLog.close();
    }
}

package io.edgeai.gateway.spool;

import io.edgeai.gateway.client.DataShardWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers spooled batches to one data-shard instance in spool order, retrying with growing pauses while the
 * instance is down. Every device always maps to the same lane, so a device's batches arrive in the order they were
 * accepted. Batches that queued up while a request was in flight travel together in the next request (data-shard
 * deduplicates record by record, so a retry that groups them differently stores nothing twice). A batch the
 * instance refuses for good (4xx) goes to a dead-letter file next to the spool, is counted, and does not block the
 * ones behind it.
 */
final class DeliveryLane {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

    private final URI owner;
    private final DataShardWriter writer;
    private final Duration maxBackoff;
    private final Consumer<SpoolEntry> onDelivered;
    private final LinkedBlockingQueue<SpoolEntry> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final BatchMerger merger;
    private final int maxGroup;
    private final long lingerNanos;
    private final Counter delivered;
    private final Counter retries;
    private final Counter deadLettered;
    private final Counter groupsSplit;
    private final DistributionSummary groupSize;
    private Path deadLetters;
    private volatile boolean running = true;

    DeliveryLane(URI owner, String name, DataShardWriter writer, BatchMerger merger, int maxGroup, Duration linger,
                 Duration maxBackoff, Consumer<SpoolEntry> onDelivered, MeterRegistry meters) {
        this.owner = owner;
        this.lingerNanos = linger.toNanos();
        this.merger = merger;
        this.maxGroup = maxGroup;
        this.writer = writer;
        this.maxBackoff = maxBackoff;
        this.onDelivered = onDelivered;
        this.thread = new Thread(this::run, "spool-delivery-" + name);
        this.thread.setDaemon(true);
        this.delivered = meters.counter("edge.spool.delivered", "owner", owner.toString());
        this.retries = meters.counter("edge.spool.retries", "owner", owner.toString());
        this.deadLettered = meters.counter("edge.spool.dead.lettered", "owner", owner.toString());
        this.groupsSplit = Counter.builder("edge.spool.groups.split")
                .description("Delivery groups data-shard refused, resent one batch at a time to isolate the bad one")
                .tag("owner", owner.toString()).register(meters);
        this.groupSize = DistributionSummary.builder("edge.spool.delivery.batches")
                .description("Spooled batches carried by one stored delivery request").baseUnit("batches")
                .tag("owner", owner.toString()).register(meters);
    }

    void deadLetterFile(Path file) {
        this.deadLetters = file;
    }

    void enqueue(SpoolEntry entry) {
        queue.add(entry);
    }

    /** Batches waiting for this lane, not yet taken into a delivery group. */
    int queued() {
        return queue.size();
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        List<SpoolEntry> group = new ArrayList<>();
        while (running) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            // Whatever queued up meanwhile goes in the same request: one data-shard transaction for many batches.
            // Waiting up to the linger for more costs nothing on the reply (it is sent once the batch is on the
            // gateway's disk) and saves data-shard a request and a commit per single-reading batch.
            queue.drainTo(group, maxGroup - 1);
            if (lingerNanos > 0 && group.size() < maxGroup) {
                long deadline = System.nanoTime() + lingerNanos;
                try {
                    for (long wait = lingerNanos; group.size() < maxGroup && wait > 0;
                         wait = deadline - System.nanoTime()) {
                        SpoolEntry next = queue.poll(wait, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        group.add(next);
                        queue.drainTo(group, maxGroup - group.size());
                    }
                } catch (InterruptedException e) {
                    // stop() interrupts: deliver what is in hand once more is pointless, the spool replays it
                    return;
                }
            }
            if (!deliver(group, true)) {
                return;
            }
            group.clear();
        }
    }

    /**
     * Delivers a group, retrying while the owner is unreachable. A group the owner refuses is delivered again one
     * batch at a time, so only the batch at fault goes to the dead letters. False when the lane was stopped.
     */
    private boolean deliver(List<SpoolEntry> group, boolean mayMerge) {
        long pause = 50;
        boolean wasDown = false;
        while (running) {
            StringBuilder detail = new StringBuilder();
            byte[] payload = group.size() == 1 ? group.get(0).payload() : merger.merge(group);
            DataShardWriter.Outcome outcome = writer.write(owner, payload, detail);
            if (outcome == DataShardWriter.Outcome.STORED) {
                if (wasDown) {
                    log.info("data-shard {} is back; delivering {} spooled batches", owner,
                            queue.size() + group.size());
                }
                delivered.increment(group.size());
                groupSize.record(group.size());
                group.forEach(onDelivered);
                return true;
            }
            if (outcome == DataShardWriter.Outcome.REJECTED) {
                if (group.size() > 1 && mayMerge) {
                    groupsSplit.increment();
                    log.warn("data-shard {} refused a group of {} batches ({}); sending them one at a time", owner,
                            group.size(), abbreviate(detail));
                    for (SpoolEntry entry : group) {
                        if (!deliver(List.of(entry), false)) {
                            return false;
                        }
                    }
                    return true;
                }
                deadLetter(group.get(0), detail.toString());
                onDelivered.accept(group.get(0));
                return true;
            }
            if (!wasDown) {
                log.warn("data-shard {} is not reachable; holding {} batches in the spool and retrying", owner,
                        queue.size() + group.size());
                wasDown = true;
            }
            retries.increment();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return false;
            }
            pause = Math.min(pause * 2, maxBackoff.toMillis());
        }
        return false;
    }

    private static String abbreviate(CharSequence text) {
        return text.length() <= 300 ? text.toString() : text.subSequence(0, 300) + "...";
    }

    private void deadLetter(SpoolEntry entry, String why) {
        deadLettered.increment();
        log.error("data-shard {} refused spooled batch {} of device {} for good: {}", owner, entry.seq(),
                entry.deviceId(), why);
        if (deadLetters == null) {
            return;
        }
        try {
            String line = "{\"at\":\"" + Instant.now() + "\",\"seq\":" + entry.seq() + ",\"owner\":\"" + owner
                    + "\",\"batch\":" + new String(entry.payload(), StandardCharsets.UTF_8) + "}\n";
            Files.writeString(deadLetters, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.error("Cannot write dead letter file {}: {}", deadLetters, e.getMessage());
        }
    }
}

package io.edgeai.gateway.spool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spooled batches of one data-shard instance, strictly one after another in spool order, retrying
 * with growing pauses while the instance is down. A batch the instance refuses for good (4xx) goes to a dead-letter
 * file next to the spool, is counted, and does not block the ones behind it.
 */
final class DeliveryLane {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

    private final URI owner;
    private final DataShardWriter writer;
    private final Duration maxBackoff;
    private final Consumer<SpoolEntry> onDelivered;
    private final LinkedBlockingQueue<SpoolEntry> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Counter delivered;
    private final Counter retries;
    private final Counter deadLettered;
    private Path deadLetters;
    private volatile boolean running = true;

    DeliveryLane(URI owner, DataShardWriter writer, Duration maxBackoff, Consumer<SpoolEntry> onDelivered,
                 MeterRegistry meters) {
        this.owner = owner;
        this.writer = writer;
        this.maxBackoff = maxBackoff;
        this.onDelivered = onDelivered;
        this.thread = new Thread(this::run, "spool-delivery-" + owner.getHost() + "-" + owner.getPort());
        this.thread.setDaemon(true);
        this.delivered = meters.counter("edge.spool.delivered", "owner", owner.toString());
        this.retries = meters.counter("edge.spool.retries", "owner", owner.toString());
        this.deadLettered = meters.counter("edge.spool.dead.lettered", "owner", owner.toString());
    }

    void deadLetterFile(Path file) {
        this.deadLetters = file;
    }

    void enqueue(SpoolEntry entry) {
        queue.add(entry);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            SpoolEntry entry;
            try {
                entry = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            long pause = 50;
            boolean wasDown = false;
            while (running) {
                StringBuilder detail = new StringBuilder();
                DataShardWriter.Outcome outcome = writer.write(owner, entry.payload(), detail);
                if (outcome == DataShardWriter.Outcome.STORED) {
                    if (wasDown) {
                        log.info("data-shard {} is back; delivering {} spooled batches", owner, queue.size() + 1);
                    }
                    delivered.increment();
                    onDelivered.accept(entry);
                    break;
                }
                if (outcome == DataShardWriter.Outcome.REJECTED) {
                    deadLetter(entry, detail.toString());
                    onDelivered.accept(entry);
                    break;
                }
                if (!wasDown) {
                    log.warn("data-shard {} is not reachable; holding {} batches in the spool and retrying", owner,
                            queue.size() + 1);
                    wasDown = true;
                }
                retries.increment();
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
                pause = Math.min(pause * 2, maxBackoff.toMillis());
            }
        }
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

package io.edgeai.gateway.uplink;

import io.edgeai.contracts.hub.DailyAggregate;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.gateway.spool.SpoolEntry;
import io.edgeai.gateway.spool.SpoolLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The site's durable outbox to the hub, on the same log as the ingest spool ({@link SpoolLog}: checksummed records,
 * fsync before an append completes, a delivery watermark). An item's log sequence number is its idempotency key at
 * the hub, so a resend after a crash or a lost answer is recognised there and not applied twice; items leave in
 * sequence order, one at a time.
 *
 * <p>The outbox has an id ({@code outbox.id}, random, made with the folder) sent with every item: the hub's key of an
 * item is the site, this id and the sequence number, so a wiped folder (a new id, the sequence back at 1) is a new
 * outbox whose items the hub applies, not resends it ignores.
 *
 * <p>Besides the log, {@code queued.state} remembers the digest of the last summary queued per device and day, so
 * a summary is queued again only when it changed (readings that arrived late). It is written after the append; a
 * crash in between queues the same summary once more, which the hub stores as the same row.
 */
final class Outbox implements AutoCloseable {

    private static final String STATE = "queued.state";
    private static final String REFUSED = "refused.log";
    private static final String ID = "outbox.id";

    private final Path dir;
    private final String id;
    private final SpoolLog log;
    private final JsonMapper json;
    private final ConcurrentLinkedDeque<SpoolEntry> pending = new ConcurrentLinkedDeque<>();
    private final Map<String, String> queued = new TreeMap<>();

    Outbox(Path dir, JsonMapper json) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.json = json;
        this.id = idOf(dir);
        this.log = new SpoolLog(dir, 4L * 1024 * 1024);
        pending.addAll(log.recover());
        Path state = dir.resolve(STATE);
        if (Files.exists(state)) {
            for (String line : Files.readAllLines(state)) {
                int space = line.lastIndexOf(' ');
                if (space > 0) {
                    queued.put(line.substring(0, space), line.substring(space + 1));
                }
            }
        }
    }

    /** The outbox's id, made (random) the first time the folder is opened, kept in {@code outbox.id}. */
    private static String idOf(Path dir) throws IOException {
        Path file = dir.resolve(ID);
        if (Files.exists(file)) {
            String id = Files.readString(file).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Path tmp = dir.resolve(ID + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    String id() {
        return id;
    }

    /** Queues a summary unless the same one was queued before; true when it was queued (on disk). */
    synchronized boolean offer(DailyAggregate aggregate) {
        byte[] payload = json.writeValueAsBytes(aggregate);
        String key = aggregate.deviceId() + "|" + aggregate.day();
        String digest = ModelWeights.sha256(payload);
        if (digest.equals(queued.get(key))) {
            return false;
        }
        try {
            pending.add(log.append(aggregate.deviceId(), payload).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the outbox could not write: " + e.getCause(), e.getCause());
        }
        queued.put(key, digest);
        writeState();
        return true;
    }

    /** The oldest item not yet delivered, or null. */
    SpoolEntry head() {
        return pending.peekFirst();
    }

    DailyAggregate aggregate(SpoolEntry entry) {
        return json.readValue(entry.payload(), DailyAggregate.class);
    }

    /** The head was delivered (or refused for good): it never leaves again. */
    void delivered(SpoolEntry entry) {
        pending.remove(entry);
        log.markDelivered(entry.seq());
    }

    /** The hub refused the head for good: kept in {@code refused.log} with the reason, then passed. */
    void refused(SpoolEntry entry, String reason) {
        try {
            Files.writeString(dir.resolve(REFUSED), Instant.now() + " seq " + entry.seq() + " " + reason + " "
                    + new String(entry.payload(), StandardCharsets.UTF_8) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delivered(entry);
    }

    /** Forgets what was queued for days before {@code day}: they are past the lookback and never summarised again. */
    synchronized void forgetBefore(java.time.LocalDate day) {
        if (queued.keySet().removeIf(k -> java.time.LocalDate.parse(k.substring(k.lastIndexOf('|') + 1))
                .isBefore(day))) {
            writeState();
        }
    }

    int size() {
        return pending.size();
    }

    private void writeState() {
        StringBuilder out = new StringBuilder();
        queued.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        try {
            Path tmp = dir.resolve(STATE + ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        log.close();
    }
}

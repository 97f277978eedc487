package io.edgeai.gateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, checksummed log of accepted batches on local disk, with group commit: appends queue up, one
 * writer thread writes every queued record and forces them to disk with a single fsync before any of their futures
 * completes. So an append that completed survives a crash, and many concurrent appends share one fsync.
 *
 * <p>Record layout: {@code int length | int crc32c | long seq | short deviceIdLength | deviceId | payload}. A torn
 * record at the tail (a crash mid-write) fails its checksum and ends the recovery of that segment. Delivery state is
 * a watermark file (every seq at or below it is delivered); everything above it is delivered again after a
 * restart, which data-shard's idempotent batch ids make harmless.
 */
public final class SpoolLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpoolLog.class);
    private static final int HEADER = 4 + 4 + 8 + 2;
    private static final String WATERMARK = "delivered.seq";

    private final Path dir;
    private final long segmentBytes;
    /** Appends in the order they came; a group (appendAll) is one element, so its records share one fsync. */
    private final LinkedBlockingQueue<List<Pending>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private FileChannel segment;
    private long segmentFirstSeq;
    private long nextSeq;
    private volatile boolean closed;

    private record Pending(String deviceId, byte[] payload, CompletableFuture<SpoolEntry> done) {
    }

    /** Tells the writer to stop once everything queued before it is written. */
    private static final Pending STOP = new Pending("", new byte[0], new CompletableFuture<>());
    private static final List<Pending> STOP_GROUP = List.of(STOP);

    public SpoolLog(Path dir, long segmentBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.segmentBytes = segmentBytes;
        this.writer = new Thread(this::writeLoop, "spool-writer");
        this.writer.setDaemon(true);
    }

    /** Reads every undelivered entry in order, positions the log after them, and starts the writer. */
    public List<SpoolEntry> recover() throws IOException {
        long delivered = deliveredWatermark();
        List<SpoolEntry> pending = new ArrayList<>();
        long last = delivered;
        for (Path file : segments()) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                long pos = 0;
                while (true) {
                    header.clear();
                    int read = ch.read(header, pos);
                    if (read < HEADER) {
                        if (read > 0) {
                            log.warn("Spool segment {} ends with a torn header at {}; cutting it off", file, pos);
                            truncate(ch, pos);
                        }
                        break;
                    }
                    header.flip();
                    int length = header.getInt();
                    int crc = header.getInt();
                    long seq = header.getLong();
                    short idLength = header.getShort();
                    if (length < 0 || idLength < 0 || pos + HEADER + idLength + length > ch.size()) {
                        log.warn("Spool segment {} ends with a torn record at {}; cutting it off", file, pos);
                        truncate(ch, pos);
                        break;
                    }
                    ByteBuffer body = ByteBuffer.allocate(idLength + length);
                    ch.read(body, pos + HEADER);
                    CRC32C check = new CRC32C();
                    check.update(body.array());
                    if ((int) check.getValue() != crc) {
                        log.warn("Spool segment {} has a corrupt record at {}; cutting it off", file, pos);
                        truncate(ch, pos);
                        break;
                    }
                    if (seq > delivered) {
                        String deviceId = new String(body.array(), 0, idLength, StandardCharsets.UTF_8);
                        byte[] payload = new byte[length];
                        System.arraycopy(body.array(), idLength, payload, 0, length);
                        pending.add(new SpoolEntry(seq, deviceId, payload));
                    }
                    last = Math.max(last, seq);
                    pos += HEADER + idLength + length;
                }
            }
        }
        nextSeq = last + 1;
        openSegment();
        writer.start();
        return pending;
    }

    // A crash mid-append leaves a partial record; cut it so records appended after recovery stay readable. Only
    // the unacknowledged record is lost: its append never completed, so its client never got a 2xx.
    private static void truncate(FileChannel ch, long pos) throws IOException {
        ch.truncate(pos);
        ch.force(true);
    }

    /** Appends a batch; the future completes once it is on disk (fsync), or fails if it could not be written. */
    public CompletableFuture<SpoolEntry> append(String deviceId, byte[] payload) {
        CompletableFuture<SpoolEntry> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IOException("spool is closed"));
            return done;
        }
        queue.add(List.of(new Pending(deviceId, payload, done)));
        return done;
    }

    /**
     * Appends several batches as one group: written together, in this order, and forced to disk with one fsync
     * (never split between two commits); the futures complete like {@link #append}'s, in the same order.
     */
    public List<CompletableFuture<SpoolEntry>> appendAll(List<String> deviceIds, List<byte[]> payloads) {
        List<Pending> group = new ArrayList<>(deviceIds.size());
        List<CompletableFuture<SpoolEntry>> futures = new ArrayList<>(deviceIds.size());
        for (int i = 0; i < deviceIds.size(); i++) {
            CompletableFuture<SpoolEntry> done = new CompletableFuture<>();
            group.add(new Pending(deviceIds.get(i), payloads.get(i), done));
            futures.add(done);
        }
        if (closed) {
            futures.forEach(f -> f.completeExceptionally(new IOException("spool is closed")));
        } else if (!group.isEmpty()) {
            queue.add(group);
        }
        return futures;
    }

    /** Records that every entry up to {@code seq} is delivered, and deletes segments holding only such entries. */
    public synchronized void markDelivered(long seq) {
        try {
            Path tmp = dir.resolve(WATERMARK + ".tmp");
            Files.writeString(tmp, Long.toString(seq));
            Files.move(tmp, dir.resolve(WATERMARK), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            List<Path> files = segments();
            // A segment is done when the next one starts at or below the watermark + 1.
            for (int i = 0; i + 1 < files.size(); i++) {
                if (firstSeqOf(files.get(i + 1)) <= seq + 1) {
                    Files.deleteIfExists(files.get(i));
                }
            }
        } catch (IOException e) {
            log.warn("Cannot record spool delivery watermark {}: {}", seq, e.getMessage());
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        List<List<Pending>> groups = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                groups.add(queue.take());
                queue.drainTo(groups);
                groups.forEach(batch::addAll);
                groups.clear();
                stop = batch.remove(STOP);
                List<SpoolEntry> written = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    written.add(write(p));
                }
                segment.force(false);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(written.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.done().completeExceptionally(e));
                return;
            } catch (IOException | RuntimeException e) {
                log.error("Spool write failed; {} readings batches refused", batch.size(), e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private SpoolEntry write(Pending p) throws IOException {
        if (segment.size() >= segmentBytes) {
            segment.force(false);
            segment.close();
            openSegment();
        }
        long seq = nextSeq++;
        byte[] id = p.deviceId().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(id);
        crc.update(p.payload());
        ByteBuffer buf = ByteBuffer.allocate(HEADER + id.length + p.payload().length);
        buf.putInt(p.payload().length).putInt((int) crc.getValue()).putLong(seq).putShort((short) id.length)
                .put(id).put(p.payload()).flip();
        while (buf.hasRemaining()) {
            segment.write(buf);
        }
        return new SpoolEntry(seq, p.deviceId(), p.payload());
    }

    private void openSegment() throws IOException {
        segmentFirstSeq = nextSeq;
        Path file = dir.resolve(String.format("segment-%020d.log", segmentFirstSeq));
        segment = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        // Make the new file's directory entry durable too.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the segment's own fsync still holds the data.
        }
    }

    private long deliveredWatermark() throws IOException {
        Path file = dir.resolve(WATERMARK);
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".log".length()));
    }

    /** Writes what is queued, then stops; the writer is never interrupted mid-write (that would close the file). */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP_GROUP);
        try {
            writer.join(5000);
            if (segment != null) {
                segment.force(false);
                segment.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

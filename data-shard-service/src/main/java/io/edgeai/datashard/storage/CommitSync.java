package io.edgeai.datashard.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a shard does after each commit before the write is acknowledged: nothing more ({@link #none}, durability
 * {@code os}: the committed chunk is in the operating system's page cache, which survives a killed process but not
 * a power cut) or an fsync of the shard's file ({@link #h2Fsync}, durability {@code fsync}: the commit is on the
 * disk, which survives a power cut too, as far as the disk honours flushes).
 *
 * <p>H2 2.x's MVStore writes a commit's chunk with {@code WRITE_DELAY=0} but never forces it to the device; its
 * {@code CHECKPOINT SYNC} statement commits what is pending and calls {@code FileChannel.force(true)} on the shard's
 * file, which is one {@code fsync(2)} (checked with {@code strace -f -e trace=fsync,fdatasync}). It runs after the
 * transaction committed, still under the shard's write lock, so everything a caller was told is stored is on disk.
 * One fsync covers the whole commit: a storage request carries a group of batches (the gateway's spool merges up
 * to 64), so the cost is paid per group, not per reading. A request over several shards commits each shard's part and
 * then forces all those files at once ({@link #all}), so it waits for one round of fsyncs, not one per shard.
 */
public final class CommitSync {

    private static final CommitSync NONE = new CommitSync(null);
    /** Runs the fsyncs of a multi-shard commit side by side; threads exist only while there are syncs to run. */
    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shard-fsync");
        t.setDaemon(true);
        return t;
    });

    private final JdbcTemplate jdbc;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    private CommitSync(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Durability {@code os}: acknowledge once committed to the file (page cache). */
    public static CommitSync none() {
        return NONE;
    }

    /** Durability {@code fsync} for an H2 shard: acknowledge once the file is forced to disk. */
    public static CommitSync h2Fsync(DataSource dataSource) {
        return new CommitSync(new JdbcTemplate(dataSource));
    }

    /** Whether commits are forced to disk. */
    public boolean forcesToDisk() {
        return jdbc != null;
    }

    /** Forces the committed state to disk when this is an fsync policy; a failure fails the write's answer. */
    void afterCommit() {
        if (jdbc == null) {
            return;
        }
        long start = System.nanoTime();
        jdbc.execute("CHECKPOINT SYNC");
        nanos.addAndGet(System.nanoTime() - start);
        count.incrementAndGet();
    }

    /** Runs these syncs side by side and returns when all are done; the first failure is rethrown. */
    static void all(Collection<CommitSync> syncs) {
        List<CommitSync> forcing = syncs.stream().filter(CommitSync::forcesToDisk).toList();
        if (forcing.size() <= 1) {
            forcing.forEach(CommitSync::afterCommit);
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(forcing.size() - 1);
        for (CommitSync s : forcing.subList(1, forcing.size())) {
            running.add(CompletableFuture.runAsync(s::afterCommit, PARALLEL));
        }
        forcing.get(0).afterCommit();
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Forced syncs so far. */
    public long count() {
        return count.get();
    }

    /** Time spent in forced syncs so far, in nanoseconds. */
    public long totalNanos() {
        return nanos.get();
    }
}

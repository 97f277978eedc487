package io.edgeai.datashard.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way to write a shard: under its write lock and inside one database transaction.
 *
 * <p>A shard has exactly one owner process, so a JVM lock makes "check for duplicates, then insert" race-free, and
 * one writer per embedded database is also the fastest way to feed H2. The lock is reentrant: a batch holds the
 * locks of all its shards ({@link #holdingAll}) while each shard's part commits in its own transaction. Readers
 * never take the lock.
 */
final class WriteTransactions {

    /** The syncs a {@link #holdingAll} caller owes, run together before it releases its locks. */
    private static final ThreadLocal<Set<CommitSync>> DEFERRED = new ThreadLocal<>();

    private final int shard;
    private final ReentrantLock lock = new ReentrantLock();
    private final TransactionTemplate tx;
    private final CommitSync sync;

    WriteTransactions(int shard, DataSource dataSource, CommitSync sync) {
        this.shard = shard;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.sync = sync;
    }

    /**
     * Runs the work holding the write lock in one transaction: committed entirely (and forced to disk when the
     * durability is fsync, see {@link CommitSync}) before it returns, or rolled back and rethrown.
     */
    <T> T inWriteTransaction(Supplier<T> work) {
        lock.lock();
        try {
            T result = tx.execute(status -> work.get());
            Set<CommitSync> deferred = DEFERRED.get();
            if (deferred != null) {
                deferred.add(sync); // a batch over several shards: synced together before its locks are released
            } else {
                sync.afterCommit();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Fails loudly when a table is written outside {@link #inWriteTransaction}. */
    void require() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write to shard " + shard + " outside its write transaction");
        }
    }

    /**
     * Runs the work holding the write locks of all these shards, taken in shard order so two batches never deadlock.
     * The shards the work committed to are forced to disk together (in parallel, see {@link CommitSync#all}) after it
     * returns and before the locks are released, so one batch over many shards waits for one round of fsyncs.
     */
    static <T> T holdingAll(List<ShardStore> stores, Supplier<T> work) {
        List<ShardStore> ordered = new ArrayList<>(stores);
        ordered.sort(Comparator.comparingInt(ShardStore::shard));
        List<ReentrantLock> held = new ArrayList<>();
        boolean outermost = DEFERRED.get() == null;
        try {
            for (ShardStore store : ordered) {
                ReentrantLock l = store.writes().lock;
                l.lock();
                held.add(l);
            }
            if (outermost) {
                DEFERRED.set(new LinkedHashSet<>());
            }
            T result = work.get();
            if (outermost) {
                CommitSync.all(DEFERRED.get());
            }
            return result;
        } finally {
            if (outermost) {
                DEFERRED.remove();
            }
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }
}

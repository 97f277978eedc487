package io.edgeai.datashard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One open shard database and its tables, one class per table or concern: {@link #batches()} writes a batch part,
 * {@link #history()} and {@link #devices()} read, {@link #alerts()}, {@link #feedback()} and {@link #notes()} hold what operators do,
 * {@link #retention()} deletes.
 *
 * <p>Every write runs through {@link WriteTransactions#inWriteTransaction}: under the shard's write lock, in one
 * transaction, acknowledged only after the commit. With H2's {@code WRITE_DELAY=0} a committed transaction is in the
 * file before the call returns, so a killed process loses nothing acknowledged. A power cut can lose the last
 * moments unless the durability is {@code fsync} ({@link CommitSync}: the file is forced to disk after each commit);
 * PostgreSQL with {@code synchronous_commit=on} does not lose them either.
 */
public class ShardStore implements AutoCloseable {

    private static final Set<String> COUNTED = Set.of("reading", "prediction", "alert_event", "alert", "feedback",
            "ingest_batch", "note");

    private final int shard;
    private final DataSource dataSource;
    private final String location;
    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final IngestedBatches ingested;
    private final BatchPartWriter batches;
    private final DeviceHistory history;
    private final DeviceStatusTable devices;
    private final AlertLifecycle alerts;
    private final PredictionTable predictions;
    private final ReadingTable readings;
    private final FeedbackTable feedback;
    private final NoteTable notes;
    private final RetentionDeletes retention;
    private final DailyAggregates aggregates;
    private final CommitSync sync;

    /** A shard whose commits are acknowledged once in the file (durability {@code os}). */
    public ShardStore(int shard, DataSource dataSource, String location) {
        this(shard, dataSource, location, CommitSync.none());
    }

    /** A shard that runs {@code sync} after every commit, before the write is acknowledged. */
    public ShardStore(int shard, DataSource dataSource, String location, CommitSync sync) {
        this.shard = shard;
        this.sync = sync;
        this.dataSource = dataSource;
        this.location = location;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.writes = new WriteTransactions(shard, dataSource, sync);
        this.ingested = new IngestedBatches(jdbc, writes);
        this.readings = new ReadingTable(jdbc, writes);
        this.predictions = new PredictionTable(jdbc, writes);
        this.alerts = new AlertLifecycle(jdbc, writes, shard);
        this.devices = new DeviceStatusTable(jdbc, writes, readings, alerts, shard);
        DayChanges changes = new DayChanges();
        this.feedback = new FeedbackTable(jdbc, writes, changes);
        this.notes = new NoteTable(jdbc, writes, shard);
        this.batches = new BatchPartWriter(shard, writes, ingested, readings, predictions, alerts, devices,
                changes);
        this.history = new DeviceHistory(readings, predictions);
        this.retention = new RetentionDeletes(jdbc, writes, ingested, alerts, changes);
        this.aggregates = new DailyAggregates(jdbc, changes);
    }

    /**
     * Runs the work holding the write locks of all these shards (taken in shard order, so two callers never
     * deadlock): for a batch whose parts must all be checked before any is written. Each part still commits in its
     * own transaction.
     */
    public static <T> T holdingWriteLocks(List<ShardStore> stores, Supplier<T> work) {
        return WriteTransactions.holdingAll(stores, work);
    }

    public int shard() {
        return shard;
    }

    /** Where the shard lives (file path or schema), for health and logs; never contains secrets. */
    public String location() {
        return location;
    }

    /** What runs after each commit (the durability policy) and its counters. */
    public CommitSync commitSync() {
        return sync;
    }

    DataSource dataSource() {
        return dataSource;
    }

    WriteTransactions writes() {
        return writes;
    }

    /** The batch ids this shard stored and their digests. */
    public IngestedBatches ingested() {
        return ingested;
    }

    /** Writes a batch part in one transaction. */
    public BatchPartWriter batches() {
        return batches;
    }

    public DeviceHistory history() {
        return history;
    }

    public DeviceStatusTable devices() {
        return devices;
    }

    public AlertLifecycle alerts() {
        return alerts;
    }

    public PredictionTable predictions() {
        return predictions;
    }

    public ReadingTable readings() {
        return readings;
    }

    public FeedbackTable feedback() {
        return feedback;
    }

    /** Operators' notes and their embeddings. */
    public NoteTable notes() {
        return notes;
    }

    /** Per-device summaries of a day, for the site's hub. */
    public DailyAggregates aggregates() {
        return aggregates;
    }

    public RetentionDeletes retention() {
        return retention;
    }

    /** Rows in a table (reading, prediction, alert_event, alert, feedback, ingest_batch, note). */
    public long count(String table) {
        if (!COUNTED.contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** True when the database answers. */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing shard " + shard, e);
            }
        }
    }
}

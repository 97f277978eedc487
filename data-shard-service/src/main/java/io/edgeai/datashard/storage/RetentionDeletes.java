package io.edgeai.datashard.storage;

import io.edgeai.datashard.storage.StoredRecords.RetentionResult;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes what is timed before a cutoff, in short write transactions: a slice is deleted entirely or not at all,
 * and the write lock is free between slices, so writes never wait long behind retention. Retention is the only
 * thing that removes acknowledged data.
 */
public final class RetentionDeletes {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final IngestedBatches batches;
    private final AlertLifecycle alerts;
    private final DayChanges changes;

    RetentionDeletes(JdbcTemplate jdbc, WriteTransactions writes, IngestedBatches batches, AlertLifecycle alerts,
                     DayChanges changes) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.batches = batches;
        this.alerts = alerts;
        this.changes = changes;
    }

    /** One slice of retention work and whether another one is due. */
    public record Slice(RetentionResult deleted, boolean more) {
    }

    /**
     * Deletes one slice of what is timed before the cutoff: at most about {@code chunkReadings} readings, with the
     * predictions, alert events and feedback of the same period, in one write transaction.
     */
    public Slice sliceBefore(long cutoffUs, int chunkReadings) {
        Slice slice = writes.inWriteTransaction(() -> {
            List<Long> boundary = jdbc.queryForList("SELECT ts_us FROM reading WHERE ts_us < ? ORDER BY ts_us"
                    + " LIMIT 1 OFFSET ?", Long.class, cutoffUs, chunkReadings);
            long sliceEnd = boundary.isEmpty() ? cutoffUs : boundary.get(0);
            RetentionResult result = new RetentionResult(
                    jdbc.update("DELETE FROM reading WHERE ts_us < ?", sliceEnd),
                    jdbc.update("DELETE FROM prediction WHERE ts_us < ?", sliceEnd),
                    jdbc.update("DELETE FROM alert_event WHERE ts_us < ?", sliceEnd),
                    0,
                    jdbc.update("DELETE FROM feedback WHERE reading_ts_us < ?", sliceEnd));
            return new Slice(result, sliceEnd < cutoffUs);
        });
        changes.touchAll(); // cached day summaries may count what was deleted
        return slice;
    }

    /** Deletes cleared alerts and batch ids older than the cutoff (small tables). */
    public RetentionResult bookkeepingBefore(long cutoffUs) {
        return writes.inWriteTransaction(() -> {
            batches.deleteBefore(cutoffUs);
            return new RetentionResult(0, 0, 0, alerts.deleteClearedBefore(cutoffUs), 0);
        });
    }

    /** The time before which readings must go to keep at most {@code maxReadings}; empty when under the cap. */
    public OptionalLong capCutoff(long maxReadings) {
        long readings = jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class);
        if (readings <= maxReadings) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.queryForObject("SELECT ts_us FROM reading ORDER BY ts_us LIMIT 1 OFFSET ?",
                Long.class, readings - maxReadings));
    }
}

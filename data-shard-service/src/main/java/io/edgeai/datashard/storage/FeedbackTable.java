package io.edgeai.datashard.storage;

import io.edgeai.datashard.storage.StoredRecords.Feedback;
import io.edgeai.datashard.storage.StoredRecords.FeedbackVerdict;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code feedback} table: operators' verdicts on predictions, stored once per feedback id and committed before
 * the request is answered. Feedback leaves through retention together with the reading it is about.
 */
public final class FeedbackTable {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final DayChanges changes;

    FeedbackTable(JdbcTemplate jdbc, WriteTransactions writes, DayChanges changes) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.changes = changes;
    }

    /** Stores the feedback, in its own write transaction, unless one with its id exists; true when it was new. */
    public boolean save(Feedback f, long readingTsUs) {
        boolean created = Boolean.TRUE.equals(writes.inWriteTransaction(() -> {
            if (!ExistingIds.in(jdbc, "feedback", "feedback_id", List.of(f.feedbackId())).isEmpty()) {
                return false;
            }
            jdbc.update("INSERT INTO feedback (feedback_id, prediction_id, device_id, reading_ts_us, correct,"
                            + " actual_failure_mode, given_by, given_us, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    f.feedbackId(), f.predictionId(), f.deviceId(), readingTsUs, f.correct(), f.actualFailureMode(),
                    f.by(), EpochMicros.of(f.at()), f.note());
            return true;
        }));
        if (created) {
            changes.touch(readingTsUs); // the day summary of the reading's day counts it
        }
        return created;
    }

    /**
     * The verdicts on readings timed within the window, oldest given first, each with what the prediction it judges
     * said.
     */
    public void verdicts(DeviceWindow window, Consumer<FeedbackVerdict> sink) {
        jdbc.query("SELECT f.device_id, f.reading_ts_us, f.correct, f.actual_failure_mode, p.predicted_class,"
                + " p.status, f.feedback_id FROM feedback f LEFT JOIN prediction p ON p.prediction_id = f.prediction_id"
                + " WHERE " + window.condition("f.reading_ts_us", "f.device_id") + " ORDER BY f.given_us", rs -> {
                    sink.accept(new FeedbackVerdict(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }, window.args());
    }
}

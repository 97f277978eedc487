package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the store gives back: read-only views of stored rows. */
public final class StoredRecords {

    private StoredRecords() {
    }

    /** A stored reading and the predictions made for it. */
    public record StoredReading(Instant timestamp, String machineType, Map<String, Reading.Measurement> sensors,
                                List<StoredPrediction> predictions) {
    }

    /**
     * A stored prediction; {@code rul} is the remaining useful life a RUL model predicted (its interval is in
     * {@code probabilities} as {@code rul_lower}/{@code rul_upper}), null for a classifier.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record StoredPrediction(String predictionId, Instant timestamp, String model, String version,
                                   String status, String predictedClass, Map<String, Double> probabilities,
                                   Double rul) {
    }

    /** The latest known state of one device. */
    public record DeviceStatus(String deviceId, int shard, Instant lastReadingAt, Instant predictionAt,
                               String predictionId, String status, String predictedClass, String model,
                               String version, int openAlerts) {
    }

    /** An alert and where it is in its life: OPEN, ACKNOWLEDGED or CLEARED. */
    public record Alert(String alertId, String deviceId, int shard, String failureMode, String severity,
                        String state, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy,
                        Boolean confirmed, String note, Instant clearedAt,
                        io.edgeai.contracts.explain.Explanation explanation) {
    }

    /** The outcome of writing one shard's part of a batch. */
    public record WriteResult(int shard, boolean duplicateBatch, int readings, int predictions, int alertEvents,
                              int duplicatesSkipped) {

        public int rows() {
            return readings + predictions + alertEvents;
        }
    }

    /** An operator's verdict on a prediction. */
    public record Feedback(String feedbackId, String predictionId, String deviceId, boolean correct,
                           String actualFailureMode, String by, Instant at, String note) {
    }

    /** A prediction as feedback needs it: which reading it was for and what it said. */
    public record PredictionRef(String predictionId, String deviceId, long readingTsUs, String predictedClass) {
    }

    /** An alert an operator confirmed: the reading at its raise time shows its failure mode. */
    public record ConfirmedAlert(String deviceId, long raisedUs, String failureMode, String alertId) {
    }

    /**
     * An operator's verdict on a reading and what the judged prediction said ({@code predictedClass} and
     * {@code predictionStatus} are null when that prediction is gone).
     */
    public record FeedbackVerdict(String deviceId, long readingTsUs, boolean correct, String actualFailureMode,
                                  String predictedClass, String predictionStatus, String feedbackId) {
    }

    /** Rows removed by one retention pass over one shard, per table. */
    public record RetentionResult(long readings, long predictions, long alertEvents, long alerts, long feedback) {

        public long total() {
            return readings + predictions + alertEvents + alerts + feedback;
        }
    }
}

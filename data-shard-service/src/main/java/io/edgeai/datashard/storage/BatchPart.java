package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One shard's part of a batch, as storage takes it: the readings, the predictions made on them and the alert events
 * they caused. Ingest maps its wire records to these, so the tables do not change when the wire does.
 *
 * @param digest fingerprint of the part's content, stored with the batch id to tell a retry from a reused id
 */
public record BatchPart(String batchId, String digest, List<Reading> readings, List<PredictionRow> predictions,
                        List<AlertEventRow> alerts) {

    public int size() {
        return readings.size() + predictions.size() + alerts.size();
    }

    /**
     * A prediction to store.
     *
     * @param id             the prediction id feedback refers to
     * @param predictedClass the class with the highest probability
     */
    public record PredictionRow(String id, String deviceId, Instant timestamp, String model, String version,
                                String status, String predictedClass, Map<String, Double> probabilities) {
    }

    /**
     * A change in an alert's life as post-processing decided it.
     *
     * @param type RAISED or CLEARED
     */
    public record AlertEventRow(String alertId, String deviceId, Instant timestamp, String type, String severity,
                                String failureMode, io.edgeai.contracts.explain.Explanation explanation) {

        /** An event without an explanation. */
        public AlertEventRow(String alertId, String deviceId, Instant timestamp, String type, String severity,
                             String failureMode) {
            this(alertId, deviceId, timestamp, type, severity, failureMode, null);
        }

        /** An event's identity: one RAISED and one CLEARED per alert. */
        String eventId() {
            return alertId + ":" + type;
        }
    }
}

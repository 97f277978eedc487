package io.edgeai.datashard.ingest;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One batch to store: readings, the predictions made on them and the alert events they caused.
 *
 * <p>{@code batchId} is chosen by the client and makes the write idempotent: a retried batch is recognised and
 * not stored twice. Records are also deduplicated one by one (a reading by device and timestamp, a prediction by
 * its id, an alert event by alert id and type), so the same reading sent again in another batch is not
 * duplicated either.
 */
public record StorageBatch(String batchId, List<Reading> readings, List<Prediction> predictions,
                           List<AlertEvent> alerts) {

    public StorageBatch {
        readings = readings == null ? List.of() : readings;
        predictions = predictions == null ? List.of() : predictions;
        alerts = alerts == null ? List.of() : alerts;
    }

    public int size() {
        return readings.size() + predictions.size() + alerts.size();
    }

    /**
     * A model's prediction for one reading.
     *
     * @param id            optional; defaults to {@code deviceId@timestamp/model/version}
     * @param timestamp     the timestamp of the reading it was made for
     * @param probabilities probability per class label, each in [0, 1]
     * @param status        the decided status of the machine (e.g. OK, WARNING, FAILURE)
     */
    public record Prediction(String id, String deviceId, Instant timestamp, String model, String version,
                             Map<String, Double> probabilities, String status) {

        /** The id a client gets when it sent none: stable, so a retry maps to the same row. */
        public String effectiveId() {
            return id != null ? id : deviceId + "@" + timestamp + "/" + model + "/" + version;
        }

        /** The class with the highest probability (the model's answer). */
        public String predictedClass() {
            return probabilities.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(null);
        }
    }

    /**
     * A change in an alert's life as post-processing decided it.
     *
     * @param alertId     the alert this event belongs to (the same id for its RAISED and CLEARED events)
     * @param type        RAISED or CLEARED (acknowledgements come from operators through the alert API)
     * @param severity    e.g. info, warning, critical; required when raised
     * @param failureMode the failure mode the alert is about (e.g. TWF, HDF)
     */
    public record AlertEvent(String alertId, String deviceId, Instant timestamp,
                             @JsonAlias("event") String type, String severity,
                             @JsonAlias("mode") String failureMode) {
    }
}

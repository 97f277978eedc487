package io.edgeai.contracts.storage;

import io.edgeai.contracts.PredictionIds;
import io.edgeai.contracts.Reading;
import io.edgeai.contracts.alert.AlertEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The storage hop, gateway spool -> data-shard ({@code POST /api/v1/storage/batches}): readings, the predictions
 * made on them and the alert events they caused.
 *
 * <p>{@code batchId} is chosen by the client and makes the write idempotent: a retried batch is recognised and
 * not stored twice. Records are also deduplicated one by one (a reading by device and timestamp, a prediction by
 * its id, an alert event by alert id and event), so the same reading sent again in another batch is not
 * duplicated either.
 *
 * @param batchId     the client's idempotency key
 * @param readings    the raw readings
 * @param predictions a model's prediction per reading
 * @param alerts      alert events, in the order they happened
 */
public record StorageBatch(String batchId, List<Reading> readings, List<Prediction> predictions,
                           List<AlertEvent> alerts) {

    public StorageBatch {
        readings = readings == null ? List.of() : readings;
        predictions = predictions == null ? List.of() : predictions;
        alerts = alerts == null ? List.of() : alerts;
    }

    /** Records in the batch, all kinds together. */
    public int size() {
        return readings.size() + predictions.size() + alerts.size();
    }

    /**
     * A model's prediction for one reading.
     *
     * @param id            optional; defaults to {@link PredictionIds#of}
     * @param deviceId      the machine
     * @param timestamp     the timestamp of the reading it was made for
     * @param model         the model
     * @param version       its version
     * @param probabilities probability per class label, each in [0, 1]
     * @param status        the decided status of the machine (e.g. NORMAL, WARNING, FAILURE_PREDICTED)
     */
    public record Prediction(String id, String deviceId, Instant timestamp, String model, String version,
                             Map<String, Double> probabilities, String status) {

        /** The id a client gets when it sent none: derived, so a retry maps to the same row. */
        public String effectiveId() {
            return id != null ? id : PredictionIds.of(deviceId, timestamp, model, version);
        }
    }
}

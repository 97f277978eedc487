package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.alert.AlertEvent;
import java.util.List;
import java.util.Map;

/**
 * The answer to an ingest request: a decision per reading, the alert events the batch caused, and where the data
 * is now ({@code STORED} in data-shard, or {@code SPOOLED} on the gateway's disk and on its way there: both are
 * durable).
 *
 * @param deviceId     the device
 * @param model        the model that scored the readings
 * @param modelVersion its version
 * @param storage      {@code STORED} or {@code SPOOLED}
 * @param batchId      the storage batch id (idempotency key in data-shard)
 * @param results      one per reading, in request order
 * @param alerts       alert events RAISED or CLEARED by this batch, as postprocessing-service reported them
 */
public record IngestResult(String deviceId, String model, String modelVersion, String storage, String batchId,
                           List<Result> results, List<AlertEvent> alerts) {

    /** The same answer with where the data is now. */
    public IngestResult withStorage(String where) {
        return new IngestResult(deviceId, model, modelVersion, where, batchId, results, alerts);
    }

    /** One reading's outcome; {@code predictionId} is what feedback refers to. */
    public record Result(String timestamp, String status, Map<String, Double> probabilities, String mostLikelyMode,
                         String predictionId) {
    }
}

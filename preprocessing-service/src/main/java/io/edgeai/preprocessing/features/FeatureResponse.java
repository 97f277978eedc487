package io.edgeai.preprocessing.features;

import java.time.Instant;
import java.util.List;

/**
 * Features of a batch, as an infer request for the model version they were built for.
 *
 * @param modelName        the model
 * @param modelVersion     the model version whose feature spec was applied
 * @param inferPath        where to POST {@code inferenceRequest} on inference-service
 * @param featureNames     column names of the features, in order
 * @param inferenceRequest the Open Inference Protocol request body
 * @param readings         per row, the reading's metadata (what postprocessing needs back)
 */
public record FeatureResponse(String modelName, String modelVersion, String inferPath, List<String> featureNames,
                              InferRequest inferenceRequest, List<ReadingMetadata> readings) {

    /** The identity of one encoded reading, in row order. */
    public record ReadingMetadata(String deviceId, Instant timestamp, String machineType) {
    }
}

package io.edgeai.contracts.features;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.oip.InferRequest;
import java.util.List;

/**
 * The features hop's answer: a batch's features as an infer request for the model version they were built for.
 * Where to send it is the caller's business ({@link io.edgeai.contracts.oip.OipPaths#infer}), not preprocessing's.
 *
 * @param modelName        the model
 * @param modelVersion     the model version whose feature spec was applied
 * @param featureNames     column names of the features, in order
 * @param inferenceRequest the Open Inference Protocol request body
 * @param readings         per row, the reading's identity (what postprocessing needs back)
 */
public record FeatureResponse(String modelName, String modelVersion, List<String> featureNames,
                              InferRequest inferenceRequest, List<ReadingMetadata> readings) {
}

package io.edgeai.inference.training;

import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.Threshold;
import java.util.Map;

/**
 * The result of a training run, ready to be written as a model version.
 *
 * @param architecture the network
 * @param parameters   the network's weights in DJL .params format
 * @param featureSpec  the feature spec with the normalisation fitted on the training split
 * @param thresholds   per-label thresholds chosen on the validation split
 * @param evaluation   the test-split report
 */
public record TrainedModel(MlpArchitecture architecture, byte[] parameters, FeatureSpec featureSpec,
                           Map<String, Threshold> thresholds, EvaluationReport evaluation) {
}

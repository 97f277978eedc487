package io.edgeai.inference.training;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.training.core.DjlVersionConfig;
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

    private static final String DESCRIPTION = "Machine failure and its five failure modes (TWF, HDF, PWF, OSF, RNF) "
            + "from one AI4I-style reading; multi-label MLP trained with DJL, sigmoid outputs.";

    /** The model.json of this run written as {@code version} of {@code model}. */
    public ModelConfig config(String model, long version) {
        return DjlVersionConfig.of(model, version, DESCRIPTION, architecture, Ai4iData.LABELS, featureSpec, thresholds,
                evaluation);
    }
}

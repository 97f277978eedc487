package io.edgeai.inference.training;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.training.core.DjlVersionConfig;
import io.edgeai.inference.training.core.TreeTrainer;
import io.edgeai.inference.training.core.TreeVersionConfig;
import java.util.Map;

/**
 * The result of a training run, ready to be written as a model version: an MLP ({@code architecture} and
 * {@code parameters}) or gradient-boosted trees ({@code trees}).
 *
 * @param architecture the network, or null for trees
 * @param parameters   the network's weights in DJL .params format, or null for trees
 * @param trees        the boosters, or null for an MLP
 * @param featureSpec  the feature spec with the normalisation fitted on the training split
 * @param thresholds   per-label thresholds chosen on the validation split
 * @param evaluation   the test-split report
 */
public record TrainedModel(MlpArchitecture architecture, byte[] parameters, TreeTrainer.Result trees,
                           FeatureSpec featureSpec, Map<String, Threshold> thresholds, EvaluationReport evaluation) {

    private static final String DESCRIPTION = "Machine failure and its five failure modes (TWF, HDF, PWF, OSF, RNF) "
            + "from one AI4I-style reading; ";

    static TrainedModel mlp(MlpArchitecture architecture, byte[] parameters, FeatureSpec spec,
                            Map<String, Threshold> thresholds, EvaluationReport evaluation) {
        return new TrainedModel(architecture, parameters, null, spec, thresholds, evaluation);
    }

    static TrainedModel trees(TreeTrainer.Result trees, FeatureSpec spec, Map<String, Threshold> thresholds,
                              EvaluationReport evaluation) {
        return new TrainedModel(null, null, trees, spec, thresholds, evaluation);
    }

    /** The model.json of this run written as {@code version} of {@code model}. */
    public ModelConfig config(String model, long version) {
        if (trees != null) {
            return TreeVersionConfig.of(model, version, DESCRIPTION + "gradient-boosted trees (XGBoost), one "
                    + "booster per label.", trees.spec(), featureSpec.featureCount(), Ai4iData.LABELS, featureSpec,
                    thresholds, evaluation);
        }
        return DjlVersionConfig.of(model, version, DESCRIPTION + "multi-label MLP trained with DJL, sigmoid outputs.",
                architecture, Ai4iData.LABELS, featureSpec, thresholds, evaluation);
    }

    /** The weight files of the version folder, name to bytes. */
    public Map<String, byte[]> files() {
        return trees != null ? trees.files() : Map.of(ModelLoader.DJL_WEIGHTS, parameters);
    }
}

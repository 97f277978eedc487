package io.edgeai.inference.training.core;

import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.TreeEnsembleSpec;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.VersionPolicy;
import java.util.List;
import java.util.Map;

/**
 * The model.json of trees trained here (platform {@code xgboost}): the same tensors as {@link DjlVersionConfig}
 * (one normalised feature row in, one probability per label out), so preprocessing and postprocessing cannot tell
 * the families apart.
 */
public final class TreeVersionConfig {

    private TreeVersionConfig() {
    }

    public static ModelConfig of(String model, long version, String description, TreeEnsembleSpec trees, int width,
                                 List<String> labels, FeatureSpec spec, Map<String, Threshold> thresholds,
                                 Object evaluation) {
        return new ModelConfig(model, version, ModelConfig.PLATFORM_XGBOOST, description,
                List.of(new TensorSpec(DjlVersionConfig.INPUT, "FP32", List.of(-1L, (long) width))),
                List.of(new TensorSpec(DjlVersionConfig.OUTPUT, "FP32", List.of(-1L, (long) labels.size()))),
                labels, spec, thresholds, 64, 250L, 1024, null, null, VersionPolicy.DEFAULT, null, null,
                ModelConfigCodec.mapper().valueToTree(evaluation), null, null, trees);
    }
}

package io.edgeai.inference.training.core;

import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.VersionPolicy;
import java.util.List;
import java.util.Map;

/** The model.json of a version trained here (platform {@code djl}): one feature row in, one probability per label out. */
public final class DjlVersionConfig {

    /** Name of the model's input tensor: one normalised feature row per reading. */
    public static final String INPUT = "features";
    /** Name of the model's output tensor: one probability per label. */
    public static final String OUTPUT = "probabilities";

    private DjlVersionConfig() {
    }

    /**
     * @param evaluation the run's report, stored as model.json's {@code evaluation} block
     */
    public static ModelConfig of(String model, long version, String description, MlpArchitecture architecture,
                                 List<String> labels, FeatureSpec spec, Map<String, Threshold> thresholds,
                                 Object evaluation) {
        return new ModelConfig(model, version, ModelConfig.PLATFORM_DJL, description,
                List.of(new TensorSpec(INPUT, "FP32", List.of(-1L, (long) architecture.inputSize()))),
                List.of(new TensorSpec(OUTPUT, "FP32", List.of(-1L, (long) architecture.outputUnits()))),
                labels, spec, thresholds, 64, 250L, 1024, null, null, VersionPolicy.DEFAULT, architecture,
                ModelLoader.DJL_WEIGHTS, ModelConfigCodec.mapper().valueToTree(evaluation));
    }
}

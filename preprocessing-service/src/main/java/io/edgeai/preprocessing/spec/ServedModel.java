package io.edgeai.preprocessing.spec;

import io.edgeai.features.FeatureEncoder;
import java.util.List;

/**
 * A model version ready to encode for: its name, version, input tensor name and the shared feature encoder.
 *
 * @param name         model name
 * @param version      model version the features are built for
 * @param inputName    name of the input tensor of the infer request
 * @param encoder      the encoder of the version's feature spec
 * @param featureNames column names, in model order
 */
public record ServedModel(String name, String version, String inputName, FeatureEncoder encoder,
                          List<String> featureNames) {

    static ServedModel of(String requestedName, ModelConfig config) {
        String input = config.inputs() == null || config.inputs().isEmpty() || config.inputs().get(0).name() == null
                ? "features" : config.inputs().get(0).name();
        FeatureEncoder encoder = new FeatureEncoder(config.featureSpec());
        return new ServedModel(config.name() == null ? requestedName : config.name(), config.version(), input, encoder,
                List.copyOf(config.featureSpec().featureNames()));
    }
}

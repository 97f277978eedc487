package io.edgeai.preprocessing.model;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.modelclient.ModelConfig;
import io.edgeai.modelclient.ModelUnavailableException;
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

    /**
     * The encoder of {@code config}'s feature spec.
     *
     * @throws ModelUnavailableException when model.json has no feature spec (preprocessing cannot encode for it)
     */
    public static ServedModel of(String requestedName, ModelConfig config) {
        if (config.featureSpec() == null) {
            throw new ModelUnavailableException("model " + requestedName + " has no feature_spec in its model.json",
                    null);
        }
        FeatureEncoder encoder = new FeatureEncoder(config.featureSpec());
        return new ServedModel(config.name() == null ? requestedName : config.name(), config.version(),
                config.firstInputName("features"), encoder, List.copyOf(config.featureSpec().featureNames()));
    }
}

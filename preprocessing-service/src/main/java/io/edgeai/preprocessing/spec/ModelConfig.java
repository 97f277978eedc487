package io.edgeai.preprocessing.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgeai.features.FeatureSpec;
import java.util.List;

/**
 * The parts of a model version's model.json that preprocessing needs (served by
 * {@code GET /v2/models/{m}/versions/{v}/config}); other keys are ignored so the file can grow.
 *
 * @param name        model name
 * @param version     model version (numeric string)
 * @param inputs      input tensors; the first one receives the features
 * @param featureSpec how raw readings become features
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(String name, String version, List<TensorMetadata> inputs,
                          @JsonProperty("feature_spec") FeatureSpec featureSpec) {

    /** One tensor of the model's signature. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TensorMetadata(String name, String datatype, List<Long> shape) {
    }
}

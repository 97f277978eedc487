package io.edgeai.modelclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v2/models/{m}[/versions/{v}]/config} of inference-service returns: the parts of a version's
 * model.json the pipeline stages read. Other keys are ignored so model.json can grow.
 *
 * @param name        model name
 * @param version     model version (numeric string)
 * @param inputs      input tensors; the first one receives the features
 * @param outputs     output tensors; the first one carries the probabilities
 * @param labels      one label per output column
 * @param featureSpec how raw readings become features (null for a model that takes no readings)
 * @param thresholds  default decision levels per label
 * @param regression  a model predicting remaining useful life (outputs {@code rul, rul_lower, rul_upper}), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(String name, String version, List<TensorSpec> inputs, List<TensorSpec> outputs,
                          List<String> labels, @JsonProperty("feature_spec") FeatureSpec featureSpec,
                          Map<String, Threshold> thresholds, Regression regression) {

    public ModelConfig {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        labels = labels == null ? List.of() : List.copyOf(labels);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /** A classifier's config (no regression block). */
    public ModelConfig(String name, String version, List<TensorSpec> inputs, List<TensorSpec> outputs,
                       List<String> labels, FeatureSpec featureSpec, Map<String, Threshold> thresholds) {
        this(name, version, inputs, outputs, labels, featureSpec, thresholds, null);
    }

    /** Name of the first input tensor, or {@code fallback} when model.json names none. */
    public String firstInputName(String fallback) {
        return inputs.isEmpty() || inputs.get(0) == null || inputs.get(0).name() == null
                ? fallback : inputs.get(0).name();
    }

    /** Name of the first output tensor, or null when model.json names none. */
    public String firstOutputName() {
        return outputs.isEmpty() || outputs.get(0) == null ? null : outputs.get(0).name();
    }
}

package io.edgeai.postprocessing.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.edgeai.postprocessing.decision.Threshold;
import java.util.List;
import java.util.Map;

/**
 * The parts of a model version's model.json that postprocessing needs; other keys are ignored.
 *
 * @param name       model name
 * @param version    model version
 * @param outputs    output tensors; the first one carries the probabilities
 * @param labels     one label per output column
 * @param thresholds default threshold per label
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(String name, String version, List<Tensor> outputs, List<String> labels,
                          Map<String, Threshold> thresholds) {

    public ModelConfig {
        outputs = outputs == null ? List.of() : outputs;
        labels = labels == null ? List.of() : List.copyOf(labels);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /** One tensor of the model's signature. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tensor(String name, String datatype, List<Long> shape) {
    }
}

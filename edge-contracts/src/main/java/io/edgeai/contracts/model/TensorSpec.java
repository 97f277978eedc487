package io.edgeai.contracts.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One input or output of a model, as model.json and the Open Inference Protocol's model metadata describe it.
 *
 * @param name     tensor name used in inference requests and responses
 * @param datatype protocol datatype (FP32, FP64, INT32, INT64, BOOL, BYTES)
 * @param shape    dimensions; -1 marks a variable dimension (the first one is the batch)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TensorSpec(String name, String datatype, List<Long> shape) {

    public TensorSpec {
        shape = shape == null ? List.of() : List.copyOf(shape);
    }
}

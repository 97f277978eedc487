package io.edgeai.preprocessing.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An Open Inference Protocol v2 infer request body, ready to POST to {@code /v2/models/{m}/versions/{v}/infer}.
 *
 * @param id     optional request id
 * @param inputs the input tensors (here one: the features)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferRequest(String id, List<Input> inputs) {

    /**
     * One input tensor: row-major {@code data} of {@code shape}.
     *
     * @param name     the model's input name (from model.json)
     * @param datatype always {@code FP32} here
     * @param shape    {@code [readings, features]}
     * @param data     the normalised features, row-major
     */
    public record Input(String name, String datatype, long[] shape, float[] data) {
    }
}

package io.edgeai.contracts.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An Open Inference Protocol v2 infer request body with FP32 inputs, as preprocessing builds it for
 * {@code POST /v2/models/{m}/versions/{v}/infer}. Inference-service reads any OIP request with its own codec; this
 * record is the shape the features hop produces.
 *
 * @param id     optional request id
 * @param inputs the input tensors (for a feature-spec model, one: the features)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferRequest(String id, List<Input> inputs) {

    /**
     * One input tensor: row-major {@code data} of {@code shape}.
     *
     * @param name     the model's input name (from model.json)
     * @param datatype {@code FP32}
     * @param shape    {@code [rows, features]}
     * @param data     the values, row-major
     */
    public record Input(String name, String datatype, long[] shape, float[] data) {
    }
}

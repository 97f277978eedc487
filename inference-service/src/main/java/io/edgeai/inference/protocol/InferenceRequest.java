package io.edgeai.inference.protocol;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol inference request body.
 *
 * @param id         echoed in the response
 * @param parameters request parameters (accepted, not interpreted)
 * @param inputs     the input tensors
 * @param outputs    which outputs to return (all when absent)
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<Input> inputs, List<Output> outputs) {

    /**
     * One input tensor.
     *
     * @param data row-major values, flat or nested
     */
    public record Input(String name, List<Long> shape, String datatype, Map<String, Object> parameters,
                        JsonNode data) {
    }

    /** One requested output. */
    public record Output(String name, Map<String, Object> parameters) {
    }
}

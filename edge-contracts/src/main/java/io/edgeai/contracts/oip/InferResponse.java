package io.edgeai.contracts.oip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol v2 infer response body, as the gateway reads it from inference-service and hands its
 * {@code outputs} to postprocessing unchanged.
 *
 * @param modelName    the model that answered
 * @param modelVersion the version that answered (the one to record with the prediction)
 * @param id           the request id, when the request had one
 * @param outputs      the output tensors
 * @param parameters   the response's optional parameters, e.g. a text model's per-row {@code truncated} flags
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferResponse(@JsonProperty("model_name") String modelName,
                            @JsonProperty("model_version") String modelVersion, String id,
                            List<OutputTensor> outputs, Map<String, Object> parameters) {

    /**
     * One output tensor; {@code data} is row-major, flat (as OIP sends it) or nested.
     *
     * @param name     output name from model.json
     * @param datatype protocol datatype
     * @param shape    dimensions, e.g. {@code [rows, labels]}
     * @param data     the values
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputTensor(String name, String datatype, List<Long> shape, List<Object> data) {
    }
}

package io.edgeai.inference.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol inference response body.
 *
 * @param parameters per-row facts of a text model's answer, e.g. {@code {"truncated": [false, true]}} (a text longer
 *                   than the encoder's token limit was cut); absent for numeric models
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
                                @JsonProperty("model_version") String modelVersion, String id,
                                Map<String, Object> parameters, List<Output> outputs) {

    /**
     * One output tensor.
     *
     * @param data row-major values, flat (a primitive array)
     */
    public record Output(String name, String datatype, long[] shape, Object data) {
    }
}

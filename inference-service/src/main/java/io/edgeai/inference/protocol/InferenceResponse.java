package io.edgeai.inference.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Open Inference Protocol inference response body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
                                @JsonProperty("model_version") String modelVersion, String id,
                                List<Output> outputs) {

    /**
     * One output tensor.
     *
     * @param data row-major values, flat (a primitive array)
     */
    public record Output(String name, String datatype, long[] shape, Object data) {
    }
}

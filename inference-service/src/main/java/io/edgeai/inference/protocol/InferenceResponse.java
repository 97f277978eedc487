package io.edgeai.inference.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
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
     * @param parameters {@code {"binary_data_size": n}} for an output sent in binary after the JSON; absent otherwise
     * @param data       row-major values, flat (a primitive array); absent for an output sent in binary
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(String name, String datatype, long[] shape, Map<String, Object> parameters, Object data) {

        Output(String name, String datatype, long[] shape, Object data) {
            this(name, datatype, shape, null, data);
        }

        /** The values as a tensor (to encode them in binary). */
        Tensor tensor() {
            return new Tensor(Datatype.valueOf(datatype), shape, data);
        }
    }
}

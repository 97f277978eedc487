package io.edgeai.contracts.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An Open Inference Protocol v2 infer request with one {@code BYTES} input of texts, as the gateway sends it to a
 * text model (an encoder, or a classifier trained on site): {@code {"inputs": [{"name": "text", "datatype":
 * "BYTES", "shape": [n], "data": ["...", ...]}]}}.
 *
 * @param id     optional request id
 * @param inputs the one text input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextInferRequest(String id, List<Input> inputs) {

    /** The input name of the suite's text models. */
    public static final String TEXT_INPUT = "text";

    /**
     * A BYTES tensor of texts.
     *
     * @param name     the model's input name
     * @param datatype {@code BYTES}
     * @param shape    {@code [n]}
     * @param data     the n texts
     */
    public record Input(String name, String datatype, long[] shape, List<String> data) {
    }

    /** A request for these texts under the suite's input name. */
    public static TextInferRequest of(List<String> texts) {
        return new TextInferRequest(null, List.of(new Input(TEXT_INPUT, "BYTES", new long[] {texts.size()}, texts)));
    }
}

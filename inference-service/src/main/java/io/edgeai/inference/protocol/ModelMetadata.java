package io.edgeai.inference.protocol;

import io.edgeai.contracts.model.TensorSpec;
import java.util.List;

/** The Open Inference Protocol model metadata response. */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorSpec> inputs,
                            List<TensorSpec> outputs) {
}

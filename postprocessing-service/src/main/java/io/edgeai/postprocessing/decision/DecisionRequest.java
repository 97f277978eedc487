package io.edgeai.postprocessing.decision;

import java.util.List;

/**
 * Model outputs for a batch of readings. Give the probabilities either as {@code outputs} (the {@code outputs} of
 * the Open Inference Protocol infer response, unchanged) or as {@code probabilities} rows.
 *
 * @param modelName     the model that produced the outputs (labels and thresholds come from its model.json)
 * @param modelVersion  its version (from the infer response's {@code model_version}); the served one when absent
 * @param labels        optional: the output columns' labels, when model.json should not be asked
 * @param outputs       OIP response outputs; the tensor named like model.json's first output, or the only one
 * @param probabilities one row per reading, one probability per label
 * @param readings      one entry per row, same order
 */
public record DecisionRequest(String modelName, String modelVersion, List<String> labels, List<OutputTensor> outputs,
                              List<List<Double>> probabilities, List<ReadingMetadata> readings) {

    /** An OIP response output tensor; {@code data} is row-major, flat or nested. */
    public record OutputTensor(String name, String datatype, List<Long> shape, List<Object> data) {
    }
}

package io.edgeai.contracts.decision;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.oip.InferResponse.OutputTensor;
import java.util.List;

/**
 * The decisions hop, gateway -> postprocessing ({@code POST /api/v1/postprocessing/decisions}): model outputs for a
 * batch of readings. The probabilities come either as {@code outputs} (the OIP infer response's {@code outputs},
 * unchanged) or as {@code probabilities} rows.
 *
 * @param modelName     the model that produced the outputs (labels and thresholds come from its model.json)
 * @param modelVersion  its version (the infer response's {@code model_version}); the served one when absent
 * @param labels        optional: the output columns' labels, when model.json should not be asked
 * @param outputs       OIP response outputs; the tensor named like model.json's first output, or the only one
 * @param probabilities one row per reading, one probability per label
 * @param readings      one entry per row, same order
 */
public record DecisionRequest(String modelName, String modelVersion, List<String> labels, List<OutputTensor> outputs,
                              List<List<Double>> probabilities, List<ReadingMetadata> readings) {

    /** The request for an infer response's outputs, labels from model.json. */
    public static DecisionRequest ofOutputs(String modelName, String modelVersion, List<OutputTensor> outputs,
                                            List<ReadingMetadata> readings) {
        return new DecisionRequest(modelName, modelVersion, null, outputs, null, readings);
    }
}

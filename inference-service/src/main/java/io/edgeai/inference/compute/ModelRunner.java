package io.edgeai.inference.compute;

import java.util.List;

/**
 * Runs one loaded model on a batch: inputs in the model's declared input order, outputs in its declared output
 * order, the first dimension of every tensor being the batch. Implementations are thread-safe.
 */
public interface ModelRunner extends AutoCloseable {

    /**
     * The declared outputs, in order, then one tensor per {@link #rowParameters()} name: per-row facts about the
     * answer (e.g. whether a text was truncated) that the protocol reports as response parameters, not outputs.
     * The batcher splits them by rows like any output.
     */
    List<Tensor> run(List<Tensor> inputs);

    /** Names of the per-row tensors that follow the declared outputs (none by default). */
    default List<String> rowParameters() {
        return List.of();
    }

    /**
     * Per-column contributions to every output of each row (the request's rows, not batched with others), or null
     * when this model cannot explain its answers (a TorchScript file, a text model).
     */
    default Attributions explain(List<Tensor> inputs) {
        return null;
    }

    @Override
    void close();
}

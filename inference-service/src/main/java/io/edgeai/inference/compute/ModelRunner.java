package io.edgeai.inference.compute;

import java.util.List;

/**
 * Runs one loaded model on a batch: inputs in the model's declared input order, outputs in its declared output
 * order, the first dimension of every tensor being the batch. Implementations are thread-safe.
 */
public interface ModelRunner extends AutoCloseable {

    List<Tensor> run(List<Tensor> inputs);

    @Override
    void close();
}

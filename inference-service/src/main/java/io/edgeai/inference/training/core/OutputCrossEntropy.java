package io.edgeai.inference.training.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.edgeai.inference.compute.MlpArchitecture;

/** Weighted binary cross-entropy on the served outputs (after sigmoid and any noisy-or union). */
final class OutputCrossEntropy extends Loss {

    private final MlpArchitecture architecture;
    private final float[] positiveWeights;

    OutputCrossEntropy(MlpArchitecture architecture, float[] positiveWeights) {
        super("output_bce");
        this.architecture = architecture;
        this.positiveWeights = positiveWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = architecture.toOutputs(predictions.singletonOrThrow()).clip(1e-6f, 1 - 1e-6f);
        NDArray y = labels.singletonOrThrow();
        NDArray w = p.getManager().create(positiveWeights);
        return y.mul(w).mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).neg().mean();
    }
}

package io.edgeai.inference.training.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;
import io.edgeai.inference.compute.MlpArchitecture;

/**
 * Multi-label binary cross-entropy on logits with a weight on each class's positives, so that rare failure modes
 * are not drowned by the 96.6% healthy rows: mean of {@code w * y * softplus(-x) + (1 - y) * softplus(x)}.
 */
public final class WeightedSigmoidLoss extends Loss {

    private final float[] positiveWeights;
    private final MlpArchitecture.NoisyOr noisyOr;

    public WeightedSigmoidLoss(float[] positiveWeights, MlpArchitecture.NoisyOr noisyOr) {
        super("weighted_sigmoid_bce");
        this.positiveWeights = positiveWeights.clone();
        this.noisyOr = noisyOr;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow();
        NDArray w = x.getManager().create(positiveWeights);
        // log(1 - p) and log(p) per column, from logits
        NDArray logNot = softplus(x).neg();
        NDArray logYes = softplus(x.neg()).neg();
        if (noisyOr != null) {
            // the union column: log(1 - p) is the sum of its members' log(1 - p)
            NDArray unionNot = logNot.get(new NDIndex(":, {}", noisyOr.target()));
            if (!noisyOr.ownHead()) {
                unionNot = unionNot.zerosLike();
            }
            for (int s : noisyOr.sources()) {
                unionNot = unionNot.add(logNot.get(new NDIndex(":, {}", s)));
            }
            NDArray unionYes = unionNot.exp().neg().add(1).maximum(1e-7f).log();
            NDList notCols = new NDList();
            NDList yesCols = new NDList();
            for (int c = 0; c < positiveWeights.length; c++) {
                boolean t = c == noisyOr.target();
                notCols.add(t ? unionNot : logNot.get(new NDIndex(":, {}", c)));
                yesCols.add(t ? unionYes : logYes.get(new NDIndex(":, {}", c)));
            }
            logNot = NDArrays.stack(notCols, 1);
            logYes = NDArrays.stack(yesCols, 1);
        }
        return y.mul(w).mul(logYes).add(y.neg().add(1).mul(logNot)).neg().mean();
    }

    /** log(1 + e^x) computed without overflow. */
    private static NDArray softplus(NDArray x) {
        return x.maximum(0).add(x.abs().neg().exp().add(1).log());
    }
}

package io.edgeai.inference.texttrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.training.core.MlpTrainer;
import java.util.List;

/**
 * The objective of a multi-class head: class-weighted cross-entropy of the softmax (one class per row), epochs kept
 * by the plain cross-entropy of the true class on validation.
 */
final class SoftmaxCrossEntropy implements MlpTrainer.Objective {

    @Override
    public Loss loss(MlpArchitecture architecture, float[] classWeights) {
        return new Loss("softmax_ce") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray y = labels.singletonOrThrow();
                NDArray logp = predictions.singletonOrThrow().logSoftmax(-1);
                NDArray w = logp.getManager().create(classWeights);
                return y.mul(w).mul(logp).sum(new int[] {1}).neg().mean();
            }
        };
    }

    @Override
    public double validationScore(float[][] scores, int[][] y, List<Integer> validation) {
        double sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            int[] truth = y[validation.get(i)];
            for (int k = 0; k < truth.length; k++) {
                if (truth[k] == 1) {
                    sum -= Math.log(Math.max(1e-7, scores[i][k]));
                }
            }
        }
        return validation.isEmpty() ? 0 : sum / validation.size();
    }

    @Override
    public double minImprovement() {
        return 1e-5;
    }
}

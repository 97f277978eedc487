package io.edgeai.inference.training;

import io.edgeai.inference.compute.MlpArchitecture;
import java.util.List;

/**
 * Knobs of one training run.
 *
 * @param seed               seeds the split, the shuffling and the weight initialisation
 * @param maxEpochs          upper bound on passes over the training split
 * @param patience           epochs without a better validation loss before stopping early
 * @param hiddenUnits        hidden layer sizes of the MLP
 * @param learningRate       Adam learning rate
 * @param batchSize          rows per gradient step
 * @param maxPositiveWeight  cap on the per-class positive weight sqrt(negatives / positives)
 * @param noisyOr            machine failure as the union of mode heads (null: an independent sigmoid head)
 * @param selectByPrAuc      keep the epoch with the best validation machine-failure PR-AUC (else lowest loss)
 * @param ensemble           MLPs trained with seeds seed, seed + 1, ... and served as one network averaging their
 *                           logits (1: a single MLP)
 */
public record TrainingOptions(long seed, int maxEpochs, int patience, List<Integer> hiddenUnits, float learningRate,
                              int batchSize, double maxPositiveWeight, MlpArchitecture.NoisyOr noisyOr,
                              boolean selectByPrAuc, int ensemble) {

    /** A single MLP (ensemble 1). */
    public TrainingOptions(long seed, int maxEpochs, int patience, List<Integer> hiddenUnits, float learningRate,
                           int batchSize, double maxPositiveWeight, MlpArchitecture.NoisyOr noisyOr,
                           boolean selectByPrAuc) {
        this(seed, maxEpochs, patience, hiddenUnits, learningRate, batchSize, maxPositiveWeight, noisyOr,
                selectByPrAuc, 1);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(42, 400, 100, List.of(128, 64), 0.001f, 64, 2, null, true);
    }

    public TrainingOptions withMaxEpochs(int epochs, int newPatience) {
        return new TrainingOptions(seed, epochs, newPatience, hiddenUnits, learningRate, batchSize, maxPositiveWeight,
                noisyOr, selectByPrAuc, ensemble);
    }

    public TrainingOptions withEnsemble(int members) {
        return new TrainingOptions(seed, maxEpochs, patience, hiddenUnits, learningRate, batchSize, maxPositiveWeight,
                noisyOr, selectByPrAuc, members);
    }
}

package io.edgeai.inference.training;

import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.PositiveWeights;
import io.edgeai.inference.training.core.TreeTrainer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AI4I recipe with gradient-boosted trees: the same feature spec, split, positive weights, threshold rule and
 * report as {@link FailureModelTrainer}, one XGBoost booster per label instead of the MLP. Trees cut a derived
 * feature at one value, which is exactly how AI4I's failure rules are written (overstrain ratio above 1, heat margin
 * above 0, power outside its band).
 */
public final class TreeFailureModelTrainer {

    private final long seed;
    private final double maxPositiveWeight;
    private final TreeTrainer.Settings settings;

    /**
     * @param seed              seeds the split (as for the MLP) and the trees' sampling
     * @param maxPositiveWeight cap on sqrt(negatives / positives), the boosters' {@code scale_pos_weight}
     * @param depth             tree depth
     * @param eta               learning rate
     * @param rounds            most rounds per label (early stopping on validation log-loss)
     */
    public TreeFailureModelTrainer(long seed, double maxPositiveWeight, int depth, double eta, int rounds) {
        this.seed = seed;
        this.maxPositiveWeight = maxPositiveWeight;
        TreeTrainer.Settings d = TreeTrainer.Settings.defaults(seed, null);
        this.settings = new TreeTrainer.Settings(rounds, d.earlyStopping(), depth, eta, d.minChildWeight(),
                d.subsample(), d.colsample(), seed, null);
    }

    public TrainedModel train(Ai4iData data) {
        long started = System.nanoTime();
        FailureModelTrainer.Encoded encoded = FailureModelTrainer.Encoded.of(data, seed);
        int[][] y = encoded.y();
        float[] weights = PositiveWeights.of(y, encoded.split().train(), Ai4iData.LABELS.size(), maxPositiveWeight);
        TreeTrainer.Settings s = new TreeTrainer.Settings(settings.maxRounds(), settings.earlyStopping(),
                settings.maxDepth(), settings.eta(), settings.minChildWeight(), settings.subsample(),
                settings.colsample(), seed, weights);
        TreeTrainer.Result trees = TreeTrainer.train(encoded.x(), y, encoded.split().train(),
                encoded.split().validation(), s, () -> false);
        float[][] validationScores = TreeTrainer.predict(trees.boosters(), encoded.x(), encoded.split().validation());
        float[][] testScores = TreeTrainer.predict(trees.boosters(), encoded.x(), encoded.split().test());
        Map<String, Double> lossByLabel = new LinkedHashMap<>();
        for (int k = 0; k < Ai4iData.LABELS.size(); k++) {
            lossByLabel.put(Ai4iData.LABELS.get(k), trees.validationLogLosses().get(k));
        }
        EvaluationReport.TrainingSummary summary = new EvaluationReport.TrainingSummary(seed,
                trees.rounds().stream().mapToInt(Integer::intValue).sum(), trees.rounds().get(0),
                "gradient-boosted trees, one booster per label (depth " + s.maxDepth() + ", eta " + s.eta()
                        + "); rounds per label " + trees.rounds() + " chosen by validation log-loss "
                        + lossByLabel + "; epochs = total rounds, best_epoch = machine_failure's rounds",
                trees.validationLogLosses().get(0), PositiveWeights.report(Ai4iData.LABELS, weights),
                MlpTrainer.secondsSince(started), TreeTrainer.engineDescription());
        FailureModelTrainer.Evaluated e = FailureModelTrainer.evaluate(data, encoded, validationScores, testScores,
                summary);
        return TrainedModel.trees(trees, encoded.spec(), e.thresholds(), e.report());
    }
}

package io.edgeai.inference.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.training.core.AlertLevels;
import io.edgeai.inference.training.core.BinaryMetrics;
import io.edgeai.inference.training.core.BlockParameters;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.PositiveWeights;
import io.edgeai.inference.training.core.Scores;
import io.edgeai.inference.training.core.WeightedSigmoidLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI4I recipe of {@code ai4i-failure}: machine failure and its five modes as six sigmoid outputs, trained by the
 * training core's {@link MlpTrainer}. Rows become model inputs through {@link FeatureEncoder} (the code
 * preprocessing-service runs on live readings); the split is stratified and seeded; rare classes get weighted
 * positives; each ensemble member keeps its best validation epoch; thresholds are chosen on validation; the report
 * is measured on test only.
 */
public final class FailureModelTrainer {

    /** Below this validation F1 a label's threshold is not lowered under 0.5. */
    private static final double UNPREDICTABLE_F1 = 0.3;
    /** machine_failure, HDF, PWF, OSF: see {@link Ai4iObjective}. */
    private static final int[] SELECTION_COLUMNS = {0, 2, 3, 4};

    private final TrainingOptions options;

    public FailureModelTrainer(TrainingOptions options) {
        this.options = options;
    }

    /**
     * Splits every group of rows with the same label combination 70/15/15, so that each failure mode keeps its
     * share in every split.
     */
    public static DataSplit stratifiedSplit(List<Ai4iData.Row> rows, long seed) {
        return DataSplit.stratified(rows.stream().map(Ai4iData.Row::labels).toList(), seed);
    }

    /**
     * AI4I rows as the model sees them: encoded with the feature spec (normalisation fitted on the training split),
     * labels, and the stratified split every family of the recipe uses.
     */
    record Encoded(FeatureSpec spec, float[][] x, int[][] y, DataSplit split) {

        static Encoded of(Ai4iData data, long seed) {
            DataSplit split = stratifiedSplit(data.rows(), seed);
            FeatureSpec spec = Ai4iFeatures.spec();
            FeatureEncoder rawEncoder = new FeatureEncoder(spec);
            List<double[]> raw = new ArrayList<>(data.rows().size());
            for (Ai4iData.Row row : data.rows()) {
                raw.add(rawEncoder.raw(row.sensors(), Map.of("machine_type", row.machineType()), null));
            }
            List<double[]> trainRaw = split.train().stream().map(raw::get).toList();
            FeatureSpec fitted = spec.withNormalization(rawEncoder.fit(trainRaw));
            FeatureEncoder encoder = new FeatureEncoder(fitted);
            float[][] x = new float[data.rows().size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = encoder.normalize(raw.get(i));
            }
            int[][] y = data.rows().stream().map(Ai4iData.Row::labels).toArray(int[][]::new);
            return new Encoded(fitted, x, y, split);
        }
    }

    public TrainedModel train(Ai4iData data) {
        long started = System.nanoTime();
        List<String> labels = Ai4iData.LABELS;
        int classes = labels.size();
        Encoded encoded = Encoded.of(data, options.seed());
        DataSplit split = encoded.split();
        FeatureSpec fitted = encoded.spec();
        int width = fitted.featureCount();
        float[][] x = encoded.x();
        int[][] y = encoded.y();
        float[] positiveWeights = PositiveWeights.of(y, split.train(), classes, options.maxPositiveWeight());

        // optionally machine failure = its own head OR heat dissipation OR power OR overstrain (AI4I's rules)
        MlpArchitecture single = new MlpArchitecture("mlp", width, options.hiddenUnits(), "relu", null, classes,
                "sigmoid", options.noisyOr());
        int members = Math.max(1, options.ensemble());
        List<MlpTrainer.Result> trainedMembers = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            // member m uses seed + m for its initialisation and shuffling; the split always uses the seed
            trainedMembers.add(MlpTrainer.train(single, null, x, y, split.train(), split.validation(),
                    new MlpTrainer.Settings(options.maxEpochs(), options.patience(), options.batchSize(),
                            options.learningRate(), options.seed() + m, positiveWeights, new Ai4iObjective()),
                    MlpTrainer.Listener.NONE));
        }
        MlpArchitecture architecture = single.withEnsemble(members);
        byte[] best;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = architecture.newBlock();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, width));
            best = BlockParameters.ensemble(block, trainedMembers.stream().map(MlpTrainer.Result::parameters)
                    .toList(), manager);
        }
        float[][] validationScores = MlpTrainer.predict(architecture, best, x, split.validation());
        float[][] testScores = MlpTrainer.predict(architecture, best, x, split.test());
        Evaluated e = evaluate(data, encoded, validationScores, testScores,
                summary(trainedMembers, PositiveWeights.report(labels, positiveWeights), started));
        return TrainedModel.mlp(architecture, best, fitted, e.thresholds(), e.report());
    }

    /** Thresholds chosen on validation and the report measured on test. */
    record Evaluated(Map<String, Threshold> thresholds, EvaluationReport report) {
    }

    /**
     * Per-label thresholds maximising validation F1 (a label whose best validation F1 is poor keeps 0.5 or more),
     * then the test report: the same for every family of the recipe.
     */
    static Evaluated evaluate(Ai4iData data, Encoded encoded, float[][] validationScores, float[][] testScores,
                              EvaluationReport.TrainingSummary summary) {
        List<String> labels = Ai4iData.LABELS;
        DataSplit split = encoded.split();
        int[][] y = encoded.y();
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        Map<String, BinaryMetrics> perClass = new LinkedHashMap<>();
        Map<String, BinaryMetrics> validationPerClass = new LinkedHashMap<>();
        Map<String, Integer> testPositives = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            int[] vy = Scores.column(y, split.validation(), k);
            int[] ty = Scores.column(y, split.test(), k);
            float[] vs = Scores.column(validationScores, k);
            double high = BinaryMetrics.bestF1Threshold(vs, vy);
            if (BinaryMetrics.of(vs, vy, high).f1() < UNPREDICTABLE_F1) {
                // the best validation F1 is poor (TWF, RNF are random in AI4I): a low F1-optimal
                // threshold would only flood postprocessing with alerts, so require a confident score
                high = Math.max(high, 0.5);
            }
            high = Math.round(high * 10000) / 10000.0;
            thresholds.put(labels.get(k), AlertLevels.raisingAt(high));
            perClass.put(labels.get(k), BinaryMetrics.of(Scores.column(testScores, k), ty, high));
            validationPerClass.put(labels.get(k), BinaryMetrics.of(vs, vy, high));
            testPositives.put(labels.get(k), Arrays.stream(ty).sum());
        }
        EvaluationReport report = new EvaluationReport("test",
                new EvaluationReport.DataFingerprint(data.file(), data.sha256(), data.rows().size(),
                        split.train().size(), split.validation().size(), split.test().size(), testPositives,
                        "label combination (machine_failure, TWF, HDF, PWF, OSF, RNF)",
                        split.test().stream().map(i -> i + 1).sorted().toList()),
                summary, perClass, validationPerClass);
        return new Evaluated(thresholds, report);
    }

    private EvaluationReport.TrainingSummary summary(List<MlpTrainer.Result> members,
                                                     Map<String, Double> positiveWeights, long started) {
        int epochs = members.stream().mapToInt(MlpTrainer.Result::epochs).sum();
        double bestScore = members.stream().mapToDouble(MlpTrainer.Result::bestValidationLoss).average()
                .orElse(Double.NaN);
        String selection = (options.selectByPrAuc()
                ? "1 - validation machine_failure PR-AUC (+ 0.001 x validation loss)"
                : "validation cross-entropy of machine_failure, HDF, PWF, OSF")
                + (members.size() == 1 ? "" : "; ensemble of " + members.size() + " MLPs (seeds " + options.seed()
                        + ".." + (options.seed() + members.size() - 1) + ", mean logits), best epochs "
                        + members.stream().map(MlpTrainer.Result::bestEpoch).toList() + ", epochs = their sum");
        return new EvaluationReport.TrainingSummary(options.seed(), epochs, members.get(0).bestEpoch(), selection,
                Math.round(bestScore * 1e6) / 1e6, positiveWeights, MlpTrainer.secondsSince(started),
                MlpTrainer.engineDescription());
    }

    /**
     * The recipe's objective: binary cross-entropy on logits with weighted positives (and the noisy-or union), and as
     * early-stopping criterion plain cross-entropy on validation over the labels the sensors can explain (machine
     * failure, HDF, PWF, OSF), optionally led by machine failure's PR-AUC. TWF and RNF are mostly random in AI4I;
     * letting their noise pick the epoch would stop training long before the learnable modes are learnt.
     */
    private final class Ai4iObjective implements MlpTrainer.Objective {

        @Override
        public Loss loss(MlpArchitecture architecture, float[] positiveWeights) {
            return new WeightedSigmoidLoss(positiveWeights, architecture.noisyOr());
        }

        @Override
        public double validationScore(float[][] scores, int[][] y, List<Integer> validation) {
            double loss = Scores.crossEntropy(scores, y, validation, SELECTION_COLUMNS);
            if (!options.selectByPrAuc()) {
                return loss;
            }
            double ap = BinaryMetrics.averagePrecision(Scores.column(scores, 0),
                    Scores.column(y, validation, 0));
            return 1 - ap + loss * 1e-3; // ties go to the lower loss
        }

        @Override
        public double minImprovement() {
            return 1e-5;
        }
    }
}

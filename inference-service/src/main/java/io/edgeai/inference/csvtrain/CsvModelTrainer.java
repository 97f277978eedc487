package io.edgeai.inference.csvtrain;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.compute.XgboostRunner;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.training.core.Scores;
import io.edgeai.inference.training.core.TreeTrainer;
import io.edgeai.inference.training.core.TreeVersionConfig;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.DjlVersionConfig;
import io.edgeai.inference.training.core.EncodedRows;
import io.edgeai.inference.training.core.GateMetric;
import io.edgeai.inference.training.core.LabelledRows;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.PositiveWeights;
import io.edgeai.inference.training.core.SiteEvaluation;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a new model from a {@link CsvTable}: normalisation fitted on the training split, one-hot categorical,
 * weighted positives, then a small sigmoid MLP and gradient-boosted trees on the same rows (or the family
 * {@code mapping.family} names), thresholds on validation, the family with the better validation score kept, and
 * the report (which family won and by how much) on the held-out test split.
 */
public final class CsvModelTrainer {

    /** Cap of the positives' loss weight in training on site (the AI4I recipe has its own option). */
    private static final double MAX_POSITIVE_WEIGHT = 5;

    private CsvModelTrainer() {
    }

    /** A trained model ready to be written: its model.json for any version number, and its weights. */
    public record Trained(java.util.function.LongFunction<ModelConfig> config, Map<String, byte[]> files,
                          SiteEvaluation evaluation) {
    }

    public static Trained train(String model, CsvTable table, ColumnMapping mapping, int defaultEpochs) {
        long started = System.nanoTime();
        LabelledRows data = table.data();
        List<String> labels = data.labels();
        long seed = mapping.seed() == null ? 42 : mapping.seed();
        if (mapping.time() != null) {
            data = sortedByTime(data); // rolling windows and the report follow time, not file order
        }
        DataSplit split = DataSplit.of(data, seed);
        EncodedRows probe = EncodedRows.encode(data, table.spec());
        String faultless = split.sideWithoutPositives(probe.y());
        if (faultless != null) {
            throw new TrainingRejectedException("the " + faultless + " split has no fault rows (" + split.method()
                    + "); upload more faults" + (mapping.group() == null ? "" : " or spread them over more groups"));
        }
        FeatureEncoder raw = new FeatureEncoder(table.spec());
        List<double[]> rawRows = EncodedRows.raw(data, raw);
        FeatureSpec fitted = table.spec().withNormalization(raw.fit(split.train().stream().map(rawRows::get).toList()));
        EncodedRows rows = EncodedRows.encode(data, fitted);

        float[] weights = PositiveWeights.of(rows.y(), split.train(), labels.size(), MAX_POSITIVE_WEIGHT);
        String family = mapping.family() == null ? AUTO : mapping.family().trim().toLowerCase(java.util.Locale.ROOT);
        List<Candidate> candidates = new ArrayList<>();
        String treesUnavailable = null;
        if (!TREES.equals(family)) {
            candidates.add(mlp(model, fitted, rows, split, labels, weights, mapping, defaultEpochs, seed));
        }
        if (!MLP.equals(family)) {
            try {
                XgboostRunner.requireNatives();
                candidates.add(trees(model, fitted, rows, split, labels, weights, seed));
            } catch (IllegalStateException e) {
                if (TREES.equals(family)) {
                    throw new TrainingRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "mapping.family 'trees': "
                            + e.getMessage());
                }
                treesUnavailable = e.getMessage();
            }
        }
        // the family whose validation score (F1 of the gate decision at thresholds chosen on validation) is best;
        // ties go to the lower validation cross-entropy
        Map<String, Double> validationF1 = new LinkedHashMap<>();
        Map<String, Double> validationLoss = new LinkedHashMap<>();
        Candidate chosen = null;
        for (Candidate c : candidates) {
            double f1 = GateMetric.evaluate(labels, c.thresholds(), c.validationScores(), rows.y(), split.validation())
                    .f1();
            double loss = Scores.crossEntropy(c.validationScores(), rows.y(), split.validation());
            validationF1.put(c.family(), round(f1));
            validationLoss.put(c.family(), round(loss));
            if (chosen == null || f1 > validationF1.get(chosen.family()) + 1e-9
                    || (Math.abs(f1 - validationF1.get(chosen.family())) <= 1e-9
                    && loss < validationLoss.get(chosen.family()))) {
                chosen = c;
            }
        }
        Candidate best = Objects.requireNonNull(chosen);
        SiteEvaluation.FamilyChoice choice = new SiteEvaluation.FamilyChoice(best.family(),
                AUTO.equals(family) ? "validation" : "mapping", "validation " + GateMetric.name(labels)
                        + " at thresholds chosen on validation (ties: lower validation cross-entropy)",
                validationF1, validationLoss, margin(validationF1, best.family()), treesUnavailable);
        List<String> timeRange = timeRange(data);
        SiteEvaluation evaluation = new SiteEvaluation("test",
                new SiteEvaluation.Data(data.source(), data.sha256(), data.rows().size(), split.train().size(),
                        split.validation().size(), split.test().size(), split.method(),
                        rows.positives(labels, split.test()), table.columns(), timeRange),
                new SiteEvaluation.Training(seed, null, best.epochs(), best.bestEpoch(),
                        Math.round(best.bestValidationLoss() * 1e6) / 1e6, PositiveWeights.report(labels, weights),
                        MlpTrainer.secondsSince(started), best.engine()),
                SiteEvaluation.perClass(labels, best.thresholds(), best.testScores(), rows.y(), split.test()),
                new SiteEvaluation.Gate(GateMetric.name(labels),
                        GateMetric.evaluate(labels, best.thresholds(), best.testScores(), rows.y(), split.test())
                                .f1()),
                null, choice);
        String description = "Trained on site from " + data.source() + ": " + String.join(", ", labels)
                + " from " + String.join(", ", table.columns().keySet()) + "; " + best.what() + ".";
        return new Trained(v -> best.config().apply(v, description, evaluation), best.files(), evaluation);
    }

    /** Family names of {@code mapping.family}; no family (or {@code auto}) trains both and keeps the better. */
    public static final String MLP = "mlp";
    public static final String TREES = "trees";
    public static final String AUTO = "auto";

    /** One family's model, scored on validation and test. */
    private record Candidate(String family, String what, String engine, float[][] validationScores,
                             float[][] testScores, Map<String, Threshold> thresholds, int epochs, int bestEpoch,
                             double bestValidationLoss, Map<String, byte[]> files, VersionConfig config) {
    }

    @FunctionalInterface
    private interface VersionConfig {
        ModelConfig apply(long version, String description, SiteEvaluation evaluation);
    }

    private static Candidate mlp(String model, FeatureSpec fitted, EncodedRows rows, DataSplit split,
                                 List<String> labels, float[] weights, ColumnMapping mapping, int defaultEpochs,
                                 long seed) {
        MlpArchitecture architecture = new MlpArchitecture("mlp", fitted.featureCount(),
                mapping.hiddenUnits() == null ? List.of(32, 16) : mapping.hiddenUnits(), "relu", null, labels.size(),
                "sigmoid", null);
        int epochs = mapping.epochs() == null ? defaultEpochs : mapping.epochs();
        MlpTrainer.Result result = MlpTrainer.train(architecture, null, rows.x(), rows.y(), split.train(),
                split.validation(), new MlpTrainer.Settings(epochs, Math.max(10, epochs / 4), 64,
                        mapping.learningRate() == null ? 0.005f : mapping.learningRate().floatValue(), seed, weights),
                new MlpTrainer.Listener() {
                    @Override
                    public void epoch(int epoch, double trainingLoss, double validationScore, float[][] scores) {
                    }

                    @Override
                    public boolean cancelled() {
                        return Thread.currentThread().isInterrupted();
                    }
                });
        float[][] validationScores = MlpTrainer.predict(architecture, result.parameters(), rows.x(),
                split.validation());
        float[][] testScores = MlpTrainer.predict(architecture, result.parameters(), rows.x(), split.test());
        Map<String, Threshold> thresholds = SiteEvaluation.thresholds(labels, validationScores, rows.y(),
                split.validation());
        return new Candidate(MLP, "sigmoid MLP trained with DJL", MlpTrainer.engineDescription(), validationScores,
                testScores, thresholds, result.epochs(), result.bestEpoch(), result.bestValidationLoss(),
                Map.of(ModelLoader.DJL_WEIGHTS, result.parameters()),
                (v, description, evaluation) -> DjlVersionConfig.of(model, v, description, architecture, labels,
                        fitted, thresholds, evaluation));
    }

    private static Candidate trees(String model, FeatureSpec fitted, EncodedRows rows, DataSplit split,
                                   List<String> labels, float[] weights, long seed) {
        TreeTrainer.Settings settings = TreeTrainer.Settings.defaults(seed, weights);
        TreeTrainer.Result result = TreeTrainer.train(rows.x(), rows.y(), split.train(), split.validation(), settings,
                () -> Thread.currentThread().isInterrupted());
        float[][] validationScores = TreeTrainer.predict(result.boosters(), rows.x(), split.validation());
        float[][] testScores = TreeTrainer.predict(result.boosters(), rows.x(), split.test());
        Map<String, Threshold> thresholds = SiteEvaluation.thresholds(labels, validationScores, rows.y(),
                split.validation());
        int rounds = result.rounds().stream().mapToInt(Integer::intValue).sum();
        double loss = result.validationLogLosses().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Candidate(TREES, "gradient-boosted trees (XGBoost, one booster per label, depth "
                + settings.maxDepth() + ", rounds " + result.rounds() + " by validation log-loss)",
                TreeTrainer.engineDescription(), validationScores, testScores, thresholds, rounds,
                result.rounds().get(0), loss, result.files(),
                (v, description, evaluation) -> TreeVersionConfig.of(model, v, description, result.spec(),
                        fitted.featureCount(), labels, fitted, thresholds, evaluation));
    }

    /** How far the chosen family's validation score is ahead of the best other one (null with one family). */
    private static Double margin(Map<String, Double> scores, String chosen) {
        return scores.entrySet().stream().filter(e -> !e.getKey().equals(chosen))
                .map(e -> round(scores.get(chosen) - e.getValue())).max(Double::compare).orElse(null);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static LabelledRows sortedByTime(LabelledRows data) {
        List<LabelledRows.Row> rows = new ArrayList<>(data.rows());
        rows.sort(Comparator.comparing(LabelledRows.Row::time, Comparator.nullsLast(CsvModelTrainer::compareTimes)));
        return new LabelledRows(rows, data.labels(), data.sha256(), data.source());
    }

    /** Numbers compare as numbers (epoch seconds), anything else as text (ISO-8601 sorts as text). */
    private static int compareTimes(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static List<String> timeRange(LabelledRows data) {
        List<String> times = data.rows().stream().map(LabelledRows.Row::time).filter(Objects::nonNull).toList();
        return times.isEmpty() ? null : List.of(times.get(0), times.get(times.size() - 1));
    }
}

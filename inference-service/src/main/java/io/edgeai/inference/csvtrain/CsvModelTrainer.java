package io.edgeai.inference.csvtrain;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
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
 * weighted positives, a small sigmoid MLP, thresholds on validation, the report on the held-out test split.
 */
public final class CsvModelTrainer {

    /** Cap of the positives' loss weight in training on site (the AI4I recipe has its own option). */
    private static final double MAX_POSITIVE_WEIGHT = 5;

    private CsvModelTrainer() {
    }

    /** A trained model ready to be written: its model.json for any version number, and its weights. */
    public record Trained(java.util.function.LongFunction<ModelConfig> config, byte[] parameters,
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

        MlpArchitecture architecture = new MlpArchitecture("mlp", fitted.featureCount(),
                mapping.hiddenUnits() == null ? List.of(32, 16) : mapping.hiddenUnits(), "relu", null, labels.size(),
                "sigmoid", null);
        float[] weights = PositiveWeights.of(rows.y(), split.train(), labels.size(), MAX_POSITIVE_WEIGHT);
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
        List<String> timeRange = timeRange(data);
        SiteEvaluation evaluation = new SiteEvaluation("test",
                new SiteEvaluation.Data(data.source(), data.sha256(), data.rows().size(), split.train().size(),
                        split.validation().size(), split.test().size(), split.method(),
                        rows.positives(labels, split.test()), table.columns(), timeRange),
                new SiteEvaluation.Training(seed, null, result.epochs(), result.bestEpoch(),
                        Math.round(result.bestValidationLoss() * 1e6) / 1e6, PositiveWeights.report(labels, weights),
                        MlpTrainer.secondsSince(started), MlpTrainer.engineDescription()),
                SiteEvaluation.perClass(labels, thresholds, testScores, rows.y(), split.test()),
                new SiteEvaluation.Gate(GateMetric.name(labels),
                        GateMetric.evaluate(labels, thresholds, testScores, rows.y(), split.test()).f1()),
                null);
        String description = "Trained on site from " + data.source() + ": " + String.join(", ", labels)
                + " from " + String.join(", ", table.columns().keySet()) + "; sigmoid MLP trained with DJL.";
        return new Trained(v -> DjlVersionConfig.of(model, v, description, architecture, labels, fitted, thresholds,
                evaluation), result.parameters(), evaluation);
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

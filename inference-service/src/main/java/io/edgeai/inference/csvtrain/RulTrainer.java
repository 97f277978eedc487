package io.edgeai.inference.csvtrain;

import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.XgboostRunner;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.VersionPolicy;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.DjlVersionConfig;
import io.edgeai.inference.training.core.EncodedRows;
import io.edgeai.inference.training.core.LabelledRows;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.TrainingRejectedException;
import io.edgeai.inference.training.core.TreeRegressor;
import io.edgeai.inference.training.core.TreeTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.springframework.http.HttpStatus;

/**
 * Trains a remaining-useful-life model from run-to-failure rows: for each candidate window size, the rolling
 * features of every group computed by edge-features' encoder (the code preprocessing runs on a device's window),
 * normalisation fitted on the training groups, and one gradient-boosted regression booster; the size with the lowest
 * validation RMSE is kept. The interval is the 5th to 95th percentile of the validation residuals added to the
 * prediction (split conformal: no distributional assumption, one booster to serve, and its coverage on the held-out
 * test groups is reported). The report gives RMSE, MAE and the PHM08 score on the test groups beside a baseline that
 * always predicts the training groups' mean RUL.
 */
public final class RulTrainer {

    private static final double COVERAGE = 0.9;
    /** Output tensor of a RUL model: columns {@link Regression#LABELS}. */
    public static final String OUTPUT = "rul";

    private RulTrainer() {
    }

    /** A trained model ready to be written, and its report. */
    public record Trained(LongFunction<ModelConfig> config, Map<String, byte[]> files, Map<String, Object> report) {
    }

    private record Candidate(int size, FeatureSpec spec, float[][] x, TreeRegressor.Result result, double rmse) {
    }

    public static Trained train(String model, CsvTable table, ColumnMapping mapping) {
        long started = System.nanoTime();
        try {
            XgboostRunner.requireNatives();
        } catch (IllegalStateException e) {
            throw new TrainingRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "a rul label trains gradient-boosted "
                    + "trees: " + e.getMessage());
        }
        LabelledRows data = table.data();
        ColumnMapping.Label label = mapping.label();
        Double cap = label.cap();
        float[] y = new float[table.targets().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (cap == null ? table.targets()[i] : Math.min(cap, table.targets()[i]));
        }
        long seed = mapping.seed() == null ? 42 : mapping.seed();
        DataSplit split = DataSplit.byGroup(data, seed);
        List<String> inputs = inputs(mapping, table.spec());
        List<String> stats = RunToFailure.stats(mapping);
        TreeTrainer.Settings settings = new TreeTrainer.Settings(600, 40, 5, 0.05, 1, 0.9, 0.9, seed, null);
        Map<String, Double> validationRmse = new LinkedHashMap<>();
        Candidate best = null;
        for (int size : RunToFailure.sizes(mapping)) {
            FeatureSpec spec = new FeatureSpec(table.spec().sensors(), table.spec().categoricals(),
                    table.spec().derived(), new FeatureSpec.WindowSpec(size, inputs, stats), null);
            FeatureEncoder encoder = new FeatureEncoder(spec);
            List<double[]> raw = EncodedRows.raw(data, encoder);
            FeatureSpec fitted = spec.withNormalization(encoder.fit(split.train().stream().map(raw::get).toList()));
            FeatureEncoder normalizer = new FeatureEncoder(fitted);
            float[][] x = raw.stream().map(normalizer::normalize).toArray(float[][]::new);
            TreeRegressor.Result result = TreeRegressor.train(x, y, split.train(), split.validation(), settings);
            double rmse = RulMetrics.rmse(TreeRegressor.predict(result.booster(), x, split.validation()), y,
                    split.validation());
            validationRmse.put(Integer.toString(size), RulMetrics.round(rmse));
            if (best == null || rmse < best.rmse()) {
                best = new Candidate(size, fitted, x, result, rmse);
            }
        }
        Candidate chosen = best;
        float[] validation = TreeRegressor.predict(chosen.result().booster(), chosen.x(), split.validation());
        double[] residuals = new double[validation.length];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = y[split.validation().get(i)] - validation[i];
        }
        double lower = RulMetrics.quantile(residuals, (1 - COVERAGE) / 2);
        double upper = RulMetrics.quantile(residuals, 1 - (1 - COVERAGE) / 2);
        double maxLabel = 0;
        for (float v : y) {
            maxLabel = Math.max(maxLabel, v);
        }
        double below = RunToFailure.alertBelowOr(label, Math.round((cap != null ? cap : maxLabel) / 5));
        Regression regression = new Regression(Regression.RUL, unit(label), cap,
                new Regression.Interval("5th and 95th percentile of the validation residuals (split conformal)",
                        COVERAGE, RulMetrics.round(lower), RulMetrics.round(upper)),
                new Regression.RulAlert(below, label.clearAbove() != null ? label.clearAbove()
                        : Math.round(below * 1.2 * 100) / 100.0));
        float[] test = TreeRegressor.predict(chosen.result().booster(), chosen.x(), split.test());
        double mean = split.train().stream().mapToDouble(i -> y[i]).average().orElse(0);
        Map<String, Object> report = report(data, split, table, chosen, validationRmse, inputs, stats, regression,
                RulMetrics.of(test, y, split.test(), regression),
                RulMetrics.of(constant(split.test().size(), mean), y, split.test(), null), mean, started);
        String description = "Remaining useful life (" + regression.unit() + ") trained on site from "
                + data.source() + ": gradient-boosted regression trees over a " + chosen.size()
                + "-row rolling window per " + mapping.group() + ".";
        int width = chosen.spec().featureCount();
        FeatureSpec spec = chosen.spec();
        TreeRegressor.Result result = chosen.result();
        LongFunction<ModelConfig> config = v -> new ModelConfig(model, v, ModelConfig.PLATFORM_XGBOOST, description,
                List.of(new TensorSpec(DjlVersionConfig.INPUT, "FP32", List.of(-1L, (long) width))),
                List.of(new TensorSpec(OUTPUT, "FP32", List.of(-1L, (long) Regression.LABELS.size()))),
                Regression.LABELS, spec, Map.of(), 64, 250L, 1024, null, null, VersionPolicy.DEFAULT, null, null,
                ModelConfigCodec.mapper().valueToTree(report), null, null, result.spec(), regression);
        return new Trained(config, result.files(), report);
    }

    private static List<String> inputs(ColumnMapping mapping, FeatureSpec spec) {
        List<String> sensors = spec.sensors().stream().map(FeatureSpec.SensorSpec::name).toList();
        ColumnMapping.Window w = mapping.window();
        if (w == null || w.inputs() == null || w.inputs().isEmpty()) {
            return sensors;
        }
        for (String input : w.inputs()) {
            if (!sensors.contains(input)) {
                throw new TrainingRejectedException("mapping.window.inputs: '" + input + "' is not a numeric "
                        + "feature; the numeric features are " + sensors);
            }
        }
        return List.copyOf(w.inputs());
    }

    private static String unit(ColumnMapping.Label label) {
        return label.unit() == null ? "cycles" : label.unit().toLowerCase(Locale.ROOT);
    }

    private static float[] constant(int n, double v) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, (float) v);
        return out;
    }

    private static Map<String, Object> report(LabelledRows data, DataSplit split, CsvTable table, Candidate chosen,
                                              Map<String, Double> validationRmse, List<String> inputs,
                                              List<String> stats, Regression regression, Map<String, Object> test,
                                              Map<String, Object> baseline, double mean, long started) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", data.source());
        d.put("sha256", data.sha256());
        d.put("rows", data.rows().size());
        d.put("train_rows", split.train().size());
        d.put("validation_rows", split.validation().size());
        d.put("test_rows", split.test().size());
        d.put("test_groups", split.test().stream().map(i -> data.rows().get(i).group()).distinct().count());
        d.put("split", split.method());
        d.put("columns", table.columns());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("chosen_size", chosen.size());
        window.put("validation_rmse_by_size", validationRmse);
        window.put("inputs", inputs);
        window.put("stats", stats);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("family", "trees");
        training.put("engine", TreeTrainer.engineDescription().replace("binary:logistic", "reg:squarederror"));
        training.put("rounds", chosen.result().rounds());
        training.put("validation_rmse", chosen.result().validationRmse());
        training.put("seconds", MlpTrainer.secondsSince(started));
        Map<String, Object> base = new LinkedHashMap<>(baseline);
        base.put("predictor", "the training groups' mean RUL, " + RulMetrics.round(mean) + " " + regression.unit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split", "test");
        out.put("kind", "rul");
        out.put("data", d);
        out.put("window", window);
        out.put("training", training);
        out.put("test", test);
        out.put("baseline", base);
        return out;
    }
}

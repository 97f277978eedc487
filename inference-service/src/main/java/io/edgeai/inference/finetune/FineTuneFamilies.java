package io.edgeai.inference.finetune;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.compute.XgboostRunner;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.GateMetric;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.Scores;
import io.edgeai.inference.training.core.SiteEvaluation;
import io.edgeai.inference.training.core.TreeTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The model families a fine-tuning run tries on the same rows and split, and the choice between them: the served
 * family warm-started when it is an MLP (or trained afresh when it is trees), the other family trained afresh on
 * the site's rows; the one with the better validation gate F1 at thresholds chosen on validation is kept (ties:
 * lower validation cross-entropy), as CSV training chooses. The current version is scored with its own family.
 */
final class FineTuneFamilies {

    static final String MLP = "mlp";
    static final String TREES = "trees";

    private FineTuneFamilies() {
    }

    /**
     * One family's candidate.
     *
     * @param bestEpoch an MLP's kept epoch (0 = its warm start: nothing improved); 1 for trees
     */
    record Candidate(String family, MlpArchitecture architecture, MlpTrainer.Result mlp, TreeTrainer.Result trees,
                     float[][] validation, float[][] test, Map<String, Threshold> thresholds, int epochs,
                     int bestEpoch, double bestValidationLoss) {

        Map<String, byte[]> files() {
            return trees != null ? trees.files() : Map.of(ModelLoader.DJL_WEIGHTS, mlp.parameters());
        }
    }

    static Candidate mlp(MlpArchitecture architecture, MlpTrainer.Result result, float[][] x, int[][] y,
                         DataSplit split, List<String> labels) {
        float[][] validation = MlpTrainer.predict(architecture, result.parameters(), x, split.validation());
        return new Candidate(MLP, architecture, result, null, validation,
                MlpTrainer.predict(architecture, result.parameters(), x, split.test()),
                SiteEvaluation.thresholds(labels, validation, y, split.validation()), result.epochs(),
                result.bestEpoch(), result.bestValidationLoss());
    }

    /** Fresh trees on the site's rows, or null when XGBoost's natives cannot load here. */
    static Candidate trees(float[][] x, int[][] y, DataSplit split, List<String> labels, float[] weights, long seed,
                           BooleanSupplier cancelled) {
        try {
            XgboostRunner.requireNatives();
        } catch (IllegalStateException e) {
            return null;
        }
        TreeTrainer.Result result = TreeTrainer.train(x, y, split.train(), split.validation(),
                TreeTrainer.Settings.defaults(seed, weights), cancelled);
        float[][] validation = TreeTrainer.predict(result.boosters(), x, split.validation());
        return new Candidate(TREES, null, null, result, validation, TreeTrainer.predict(result.boosters(), x,
                split.test()), SiteEvaluation.thresholds(labels, validation, y, split.validation()),
                result.rounds().stream().mapToInt(Integer::intValue).sum(), 1,
                Scores.crossEntropy(validation, y, split.validation()));
    }

    /** The current version's test outputs, by its own family. */
    static float[][] currentTest(ModelConfig current, Map<String, byte[]> files, float[][] x, DataSplit split) {
        if (ModelConfig.PLATFORM_XGBOOST.equals(current.platform())) {
            return TreeTrainer.predict(current.trees().boosters().stream().map(files::get).toList(), x,
                    split.test());
        }
        return MlpTrainer.predict(current.architecture(), files.get(ModelLoader.DJL_WEIGHTS), x, split.test());
    }

    /** The better candidate on validation, and the report's account of the choice. */
    static Map.Entry<Candidate, SiteEvaluation.FamilyChoice> choose(List<Candidate> candidates, List<String> labels,
                                                                    int[][] y, DataSplit split) {
        Map<String, Double> f1 = new LinkedHashMap<>();
        Map<String, Double> loss = new LinkedHashMap<>();
        Candidate best = null;
        for (Candidate c : candidates) {
            double score = GateMetric.evaluate(labels, c.thresholds(), c.validation(), y, split.validation()).f1();
            double ce = Scores.crossEntropy(c.validation(), y, split.validation());
            f1.put(c.family(), round(score));
            loss.put(c.family(), round(ce));
            if (best == null || score > f1.get(best.family()) + 1e-9
                    || (Math.abs(score - f1.get(best.family())) <= 1e-9 && ce < loss.get(best.family()))) {
                best = c;
            }
        }
        String chosen = best.family();
        Double margin = f1.entrySet().stream().filter(e -> !e.getKey().equals(chosen))
                .map(e -> round(f1.get(chosen) - e.getValue())).max(Double::compare).orElse(null);
        return Map.entry(best, new SiteEvaluation.FamilyChoice(chosen, "validation", "validation "
                + GateMetric.name(labels) + " at thresholds chosen on validation (ties: lower validation "
                + "cross-entropy)", f1, loss, margin, candidates.stream().anyMatch(c -> c.family().equals(TREES))
                ? null : "XGBoost's natives cannot be loaded on this machine"));
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}

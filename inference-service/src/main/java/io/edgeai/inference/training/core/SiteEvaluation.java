package io.edgeai.inference.training.core;

import io.edgeai.contracts.model.Threshold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluation} block of a version trained on site (from a CSV, or fine-tuned): measured on the held-out
 * test split only.
 *
 * @param split      always {@code test}
 * @param data       which data, and how it was split
 * @param training   how the run went
 * @param perClass   per label, at the threshold chosen on validation
 * @param gate       the promotion metric on the test split
 * @param comparison for a fine-tuned version: the version it was compared with, on the same test rows
 * @param family     which model family was kept (MLP or trees) and why, or null when only one was tried
 */
public record SiteEvaluation(String split, Data data, Training training, Map<String, ClassificationMetrics> perClass,
                             Gate gate, Map<String, Object> comparison, FamilyChoice family) {

    /** A report without a family choice. */
    public SiteEvaluation(String split, Data data, Training training, Map<String, ClassificationMetrics> perClass,
                          Gate gate, Map<String, Object> comparison) {
        this(split, data, training, perClass, gate, comparison, null);
    }

    /**
     * @param chosen          {@code mlp} or {@code trees}
     * @param by              {@code validation} (both trained, the better kept) or {@code mapping} (named there)
     * @param metric          what the families were compared on
     * @param validation      per family trained, that metric on the validation split
     * @param validationLoss  per family trained, the validation cross-entropy
     * @param margin          chosen family's validation score minus the best other one's (null with one family)
     * @param treesUnavailable why trees were not tried (XGBoost's natives missing), or null
     */
    public record FamilyChoice(String chosen, String by, String metric, Map<String, Double> validation,
                               Map<String, Double> validationLoss, Double margin, String treesUnavailable) {
    }

    /**
     * @param source         file or export the rows came from
     * @param sha256         SHA-256 of its bytes
     * @param rows           labelled rows
     * @param trainRows      rows the weights were fitted on
     * @param validationRows rows for early stopping and thresholds
     * @param testRows       held-out rows of this report
     * @param splitMethod    how rows were assigned
     * @param testPositives  positives per label in the test split
     * @param columns        reading name to source column (CSV models)
     * @param timeRange      first and last value of the time column, when mapped
     */
    public record Data(String source, String sha256, int rows, int trainRows, int validationRows, int testRows,
                       String splitMethod, Map<String, Integer> testPositives, Map<String, String> columns,
                       List<String> timeRange) {
    }

    /**
     * @param seed               seed of split, initialisation and shuffling
     * @param warmStartFrom      the version whose weights were the start, or null
     * @param epochs             epochs run
     * @param bestEpoch          epoch kept (0 = the warm start)
     * @param bestValidationLoss validation cross-entropy at that epoch
     * @param positiveWeights    loss weight of each label's positives
     * @param seconds            wall time
     * @param engine             DJL engine
     */
    public record Training(long seed, Long warmStartFrom, int epochs, int bestEpoch, double bestValidationLoss,
                           Map<String, Double> positiveWeights, double seconds, String engine) {
    }

    /**
     * @param metric what is measured
     * @param value  its value on the test split
     */
    public record Gate(String metric, double value) {
    }

    /** Per-label metrics of outputs on rows at the given thresholds. */
    public static Map<String, ClassificationMetrics> perClass(List<String> labels, Map<String, Threshold> thresholds,
                                                              float[][] scores, int[][] y, List<Integer> idx) {
        Map<String, ClassificationMetrics> out = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            float[] s = Scores.column(scores, k);
            int[] t = Scores.column(y, idx, k);
            Threshold th = thresholds.get(labels.get(k));
            out.put(labels.get(k), ClassificationMetrics.of(s, t, th == null ? 0.5 : th.high()));
        }
        return out;
    }

    /** Per label: raise at the F1-optimal validation threshold, clear at 0.6 of it. */
    public static Map<String, Threshold> thresholds(List<String> labels, float[][] scores, int[][] y,
                                                    List<Integer> validation) {
        Map<String, Threshold> out = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            float[] s = Scores.column(scores, k);
            int[] t = Scores.column(y, validation, k);
            double high = ClassificationMetrics.bestF1Threshold(s, t);
            out.put(labels.get(k), AlertLevels.raisingAt(high));
        }
        return out;
    }
}

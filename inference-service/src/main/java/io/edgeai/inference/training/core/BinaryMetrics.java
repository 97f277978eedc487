package io.edgeai.inference.training.core;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Quality of one output column at its decision threshold, with the threshold-free areas (ROC-AUC, PR-AUC): the
 * per-label metrics of the AI4I recipe's report. The counts are {@link ClassificationMetrics}'.
 *
 * @param threshold       probability at or above which the class is predicted
 * @param precision       tp / (tp + fp)
 * @param recall          tp / (tp + fn)
 * @param f1              harmonic mean of precision and recall
 * @param rocAuc          area under the ROC curve (threshold-free); null when the split has one class only
 * @param prAuc           average precision, the area under the precision-recall curve; null without positives
 * @param support         positives in the split
 * @param confusionMatrix counts at the threshold
 */
public record BinaryMetrics(double threshold, double precision, double recall, double f1, Double rocAuc,
                            Double prAuc, int support, Confusion confusionMatrix) {

    /** Confusion-matrix counts. */
    public record Confusion(int tp, int fp, int fn, int tn) {
    }

    public static BinaryMetrics of(float[] scores, int[] labels, double threshold) {
        ClassificationMetrics counts = ClassificationMetrics.of(scores, labels, threshold);
        return new BinaryMetrics(round(threshold), counts.precision(), counts.recall(), counts.f1(),
                roundOrNull(rocAuc(scores, labels)), roundOrNull(averagePrecision(scores, labels)), counts.support(),
                new Confusion(counts.tp(), counts.fp(), counts.fn(), counts.tn()));
    }

    /** Mann-Whitney estimate, ties counted half; NaN when the split has only one class. */
    static double rocAuc(float[] scores, int[] labels) {
        Integer[] order = order(scores);
        double rankSumPos = 0;
        int pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // ascending ranks, ties averaged
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        int neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision: mean over positives of the precision at their score (tied scores form one step). */
    public static double averagePrecision(float[] scores, int[] labels) {
        Integer[] order = order(scores);
        int totalPos = Arrays.stream(labels).sum();
        if (totalPos == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int tp = 0;
        int seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            int groupPos = 0;
            for (int k = j; k <= i; k++) {
                groupPos += labels[order[k]];
            }
            tp += groupPos;
            seen += i - j + 1;
            ap += groupPos * ((double) tp / seen);
            i = j - 1;
        }
        return ap / totalPos;
    }

    /**
     * The threshold with the best F1 on these scores (halfway to the next lower score, so it generalises), or 0.5
     * when there are no positives.
     */
    public static double bestF1Threshold(float[] scores, int[] labels) {
        Integer[] order = order(scores);
        int totalPos = Arrays.stream(labels).sum();
        if (totalPos == 0) {
            return 0.5;
        }
        double best = -1;
        double threshold = 0.5;
        int tp = 0;
        int predicted = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            for (int k = j; k <= i; k++) {
                tp += labels[order[k]];
                predicted++;
            }
            double f1 = 2.0 * tp / (predicted + totalPos);
            if (f1 > best) {
                best = f1;
                double lower = j - 1 >= 0 ? scores[order[j - 1]] : 0;
                threshold = (scores[order[i]] + lower) / 2;
            }
            i = j - 1;
        }
        return Math.min(0.99, Math.max(0.01, threshold));
    }

    private static Integer[] order(float[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
        return idx;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static Double roundOrNull(double v) {
        return Double.isNaN(v) ? null : round(v);
    }
}

package io.edgeai.inference.training.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary classification metrics at a threshold, and the F1-optimal threshold. Scores at or above the threshold are
 * positives, as in postprocessing.
 *
 * @param threshold the decision threshold (null when several thresholds decide)
 * @param precision tp / (tp + fp), 0 without positive predictions
 * @param recall    tp / (tp + fn), 0 without positives
 * @param f1        harmonic mean of precision and recall
 * @param support   positives in the data
 * @param tp        true positives
 * @param fp        false positives
 * @param fn        false negatives
 * @param tn        true negatives
 */
public record ClassificationMetrics(Double threshold, double precision, double recall, double f1, int support,
                                    int tp, int fp, int fn, int tn) {

    public static ClassificationMetrics of(boolean[] predicted, int[] truth, Double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i]) {
                if (truth[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (truth[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassificationMetrics(threshold, round(precision), round(recall), round(f1), tp + fn, tp, fp, fn,
                tn);
    }

    public static ClassificationMetrics of(float[] scores, int[] truth, double threshold) {
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] >= threshold;
        }
        return of(predicted, truth, threshold);
    }

    /** The threshold (one of the scores, at least 0.05) that maximises F1; 0.5 when there is no positive. */
    public static double bestF1Threshold(float[] scores, int[] truth) {
        if (Arrays.stream(truth).sum() == 0) {
            return 0.5;
        }
        List<Float> candidates = new ArrayList<>();
        for (float s : scores) {
            if (s >= 0.05f) {
                candidates.add(s);
            }
        }
        candidates.add(0.5f);
        double best = 0.5;
        double bestF1 = -1;
        for (float t : candidates.stream().distinct().sorted().toList()) {
            double f1 = of(scores, truth, t).f1();
            if (f1 > bestF1 + 1e-12) {
                bestF1 = f1;
                best = t;
            }
        }
        return Math.round(best * 10000) / 10000.0;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

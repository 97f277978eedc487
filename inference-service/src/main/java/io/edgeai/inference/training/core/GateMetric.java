package io.edgeai.inference.training.core;

import io.edgeai.contracts.model.Threshold;
import java.util.List;
import java.util.Map;

/**
 * The one number a new version must not make worse: F1 of the decision postprocessing bases the status on. With a
 * {@code machine_failure} label (postprocessing's overall label) that is its F1; otherwise a reading is a fault when
 * any label reaches its {@code high} threshold (postprocessing's "worst label"), and the truth is "any label".
 */
public final class GateMetric {

    /** postprocessing's default overall label. */
    public static final String OVERALL_LABEL = "machine_failure";

    private GateMetric() {
    }

    public static String name(List<String> labels) {
        if (labels.contains(OVERALL_LABEL)) {
            return OVERALL_LABEL + " F1";
        }
        return labels.size() == 1 ? labels.get(0) + " F1" : "any-fault F1 (a fault when any label reaches its threshold)";
    }

    public static ClassificationMetrics evaluate(List<String> labels, Map<String, Threshold> thresholds,
                                                 float[][] scores, int[][] y, List<Integer> idx) {
        boolean[] predicted = new boolean[idx.size()];
        int[] truth = new int[idx.size()];
        int overall = labels.indexOf(OVERALL_LABEL);
        for (int i = 0; i < idx.size(); i++) {
            int[] t = y[idx.get(i)];
            for (int k = 0; k < labels.size(); k++) {
                if (overall >= 0 && k != overall) {
                    continue;
                }
                Threshold th = thresholds == null ? null : thresholds.get(labels.get(k));
                double high = th == null ? 0.5 : th.high();
                predicted[i] |= scores[i][k] >= high;
                truth[i] |= t[k];
            }
        }
        return ClassificationMetrics.of(predicted, truth, null);
    }
}

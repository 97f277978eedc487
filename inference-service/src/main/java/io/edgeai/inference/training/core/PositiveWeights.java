package io.edgeai.inference.training.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss weight of each label's positives, so that rare faults are not drowned by healthy rows: sqrt(negatives /
 * positives) on the training rows, at least 1 and at most a cap the recipe chooses.
 */
public final class PositiveWeights {

    private PositiveWeights() {
    }

    public static float[] of(int[][] y, List<Integer> train, int classes, double cap) {
        float[] w = new float[classes];
        for (int k = 0; k < classes; k++) {
            int kk = k;
            long pos = train.stream().filter(i -> y[i][kk] == 1).count();
            double r = pos == 0 ? 1 : Math.sqrt((double) (train.size() - pos) / pos);
            w[k] = (float) Math.min(cap, Math.max(1, r));
        }
        return w;
    }

    /** The weights per label as the evaluation report shows them (3 decimals). */
    public static Map<String, Double> report(List<String> labels, float[] weights) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            out.put(labels.get(k), Math.round(weights[k] * 1000) / 1000.0);
        }
        return out;
    }
}

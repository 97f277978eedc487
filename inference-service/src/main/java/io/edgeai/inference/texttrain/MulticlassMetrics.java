package io.edgeai.inference.texttrain;

import io.edgeai.inference.training.core.ClassificationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well the most probable class matches the truth on some rows: accuracy, macro F1 (the mean of the per-class
 * F1, so a rare failure mode counts as much as a common one), one-vs-rest metrics per class and the confusion matrix.
 *
 * @param accuracy  share of rows whose most probable class is right
 * @param macroF1   mean per-class F1
 * @param perClass  per class: precision, recall, F1, support, tp/fp/fn/tn of "predicted this class"
 * @param confusion {@code confusion[truth][predicted]} row counts, classes in output order
 */
public record MulticlassMetrics(double accuracy, double macroF1, Map<String, ClassificationMetrics> perClass,
                                int[][] confusion) {

    /**
     * @param scores class probabilities of the rows {@code idx} (in that order)
     * @param y      class index of every row
     */
    public static MulticlassMetrics of(List<String> classes, float[][] scores, int[] y, List<Integer> idx) {
        int k = classes.size();
        int[][] confusion = new int[k][k];
        int right = 0;
        int[] predicted = new int[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            predicted[i] = argmax(scores[i]);
            int truth = y[idx.get(i)];
            confusion[truth][predicted[i]]++;
            if (truth == predicted[i]) {
                right++;
            }
        }
        Map<String, ClassificationMetrics> perClass = new LinkedHashMap<>();
        double f1 = 0;
        for (int c = 0; c < k; c++) {
            boolean[] p = new boolean[idx.size()];
            int[] t = new int[idx.size()];
            for (int i = 0; i < idx.size(); i++) {
                p[i] = predicted[i] == c;
                t[i] = y[idx.get(i)] == c ? 1 : 0;
            }
            ClassificationMetrics m = ClassificationMetrics.of(p, t, null);
            perClass.put(classes.get(c), m);
            f1 += m.f1();
        }
        return new MulticlassMetrics(round(idx.isEmpty() ? 0 : (double) right / idx.size()), round(f1 / k), perClass,
                confusion);
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

package io.edgeai.inference.training.core;

import java.util.List;

/**
 * Outputs of a model on indexed rows ({@code scores[i]} holds the label probabilities of row {@code idx.get(i)}) and
 * the 0/1 labels of those rows: their columns, and the plain cross-entropy between them.
 */
public final class Scores {

    private Scores() {
    }

    /** Mean unweighted binary cross-entropy of outputs against 0/1 labels, over every label. */
    public static double crossEntropy(float[][] scores, int[][] y, List<Integer> idx) {
        int[] all = new int[idx.isEmpty() ? 0 : y[idx.get(0)].length];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        return crossEntropy(scores, y, idx, all);
    }

    /** Mean unweighted binary cross-entropy of outputs against 0/1 labels, over the given label columns. */
    public static double crossEntropy(float[][] scores, int[][] y, List<Integer> idx, int[] columns) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < idx.size(); i++) {
            int[] truth = y[idx.get(i)];
            for (int k : columns) {
                double q = Math.min(1 - 1e-7, Math.max(1e-7, scores[i][k]));
                sum -= truth[k] == 1 ? Math.log(q) : Math.log(1 - q);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Output column {@code k} of every row. */
    public static float[] column(float[][] scores, int k) {
        float[] out = new float[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i][k];
        }
        return out;
    }

    /** Label {@code k} of the given rows. */
    public static int[] column(int[][] y, List<Integer> idx, int k) {
        return idx.stream().mapToInt(i -> y[i][k]).toArray();
    }
}

package io.edgeai.inference.compute;

/**
 * How much each input column moved each output of each row, in log-odds: {@code base[r][k] + sum_j
 * contributions[r][k][j]} is the logit of output {@code k} of row {@code r} (exactly for TreeSHAP, up to the
 * integration error for integrated gradients). Positive pushes towards the label.
 *
 * @param method        how they were computed ({@code tree_shap}, {@code integrated_gradients})
 * @param base          per row and output: the logit of the reference the contributions are measured from
 * @param contributions per row, output and input column
 */
public record Attributions(String method, float[][] base, float[][][] contributions) {

    /** Rows explained. */
    public int rows() {
        return base.length;
    }
}

package io.edgeai.inference.compute;

/**
 * One dense layer of a served MLP, copied from the loaded block for {@link IntegratedGradients}: weights
 * {@code [out][in]} row-major and bias {@code [out]}.
 */
record DenseLayer(float[] weight, float[] bias, int in, int out) {

    /** {@code W h + b}. */
    static double[] affine(DenseLayer layer, double[] h) {
        double[] out = new double[layer.out()];
        for (int o = 0; o < layer.out(); o++) {
            double s = layer.bias()[o];
            int offset = o * layer.in();
            for (int i = 0; i < layer.in(); i++) {
                s += layer.weight()[offset + i] * h[i];
            }
            out[o] = s;
        }
        return out;
    }

    /** {@code W v}, the bias left out (a direction, not a point). */
    static double[] linear(DenseLayer layer, double[] v) {
        double[] out = new double[layer.out()];
        for (int o = 0; o < layer.out(); o++) {
            double s = 0;
            int offset = o * layer.in();
            for (int i = 0; i < layer.in(); i++) {
                s += layer.weight()[offset + i] * v[i];
            }
            out[o] = s;
        }
        return out;
    }
}

package io.edgeai.inference.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * Integrated gradients (Sundararajan et al., 2017) for a served MLP of {@link MlpArchitecture}: the contribution of
 * input column {@code j} to output {@code k} is {@code (x_j - b_j) * mean over the path of dF_k/dx_j}, where
 * {@code F_k} is the log-odds of the served probability (after the output activation and the noisy-or union) and the
 * path runs straight from the baseline {@code b} to the row. The baseline is the all-zero normalised row: the
 * training mean of every numeric column, no category.
 *
 * <p>With ReLU hidden layers (every MLP trained here) the integral is computed exactly rather than sampled: along the
 * path each member's logits are piecewise linear, so the path is cut where any hidden unit switches on or off, the
 * logits' Jacobian is constant on each piece, and only the smooth map from logits to the served log-odds (sigmoid,
 * the noisy-or union, softmax) is integrated numerically, by 5-point Gauss-Legendre per piece. The contributions then
 * add up to {@code F_k(x) - F_k(b)} to within rounding: rule-shaped features give these networks sharp kinks that a
 * fixed-step rule misses by tenths of a log-odds unit. Other activations use the trapezoid rule over {@link #STEPS}
 * steps.
 *
 * <p>The gradients are computed here in plain Java from a copy of the weights taken at load: the network is a few
 * small dense layers, and PyTorch's autograd in DJL allows one gradient collector per process at a time, which
 * on-site training holds for minutes. So an explanation never waits for, nor disturbs, a training run.
 */
public final class IntegratedGradients {

    /** Trapezoid steps along the path. */
    static final int STEPS = 64;

    private final MlpArchitecture arch;
    /** Per ensemble member, per layer: weights [out][in] (row-major) and bias [out]. */
    private final List<List<Layer>> members;
    private final int width;

    private record Layer(float[] weight, float[] bias, int in, int out) {
    }

    private IntegratedGradients(MlpArchitecture arch, List<List<Layer>> members) {
        this.arch = arch;
        this.members = members;
        this.width = arch.inputSize();
    }

    /** Copies the loaded block's dense layers (in the order {@link MlpArchitecture#newBlock()} built them). */
    public static IntegratedGradients of(MlpArchitecture arch, Block block) {
        List<Layer> all = new ArrayList<>();
        collect(block, all);
        int perMember = arch.hiddenUnits().size() + 1;
        if (all.size() != perMember * arch.members()) {
            throw new IllegalArgumentException("the block has " + all.size() + " dense layers, the architecture "
                    + perMember * arch.members());
        }
        List<List<Layer>> members = new ArrayList<>();
        for (int m = 0; m < arch.members(); m++) {
            members.add(List.copyOf(all.subList(m * perMember, (m + 1) * perMember)));
        }
        return new IntegratedGradients(arch, members);
    }

    private static void collect(Block block, List<Layer> out) {
        if (block instanceof Linear linear) {
            NDArray w = linear.getParameters().get("weight").getArray();
            NDArray b = linear.getParameters().get("bias").getArray();
            long[] shape = w.getShape().getShape();
            out.add(new Layer(w.toFloatArray(), b.toFloatArray(), (int) shape[1], (int) shape[0]));
            return;
        }
        for (Block child : block.getChildren().values()) {
            collect(child, out);
        }
    }

    /** Explains every row of a {@code [rows, width]} FP32 input. */
    public Attributions explain(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        if (inputs.size() != 1 || x.datatype() != Datatype.FP32 || x.rowWidth() != width) {
            throw new IllegalArgumentException("integrated gradients take one FP32 input of " + width + " columns");
        }
        int rows = x.rows();
        int outputs = arch.outputUnits();
        float[] data = (float[]) x.data();
        float[][] base = new float[rows][];
        float[][][] contributions = new float[rows][outputs][width];
        double[] zero = new double[width];
        double[] baseLogOdds = logOdds(logits(zero));
        for (int r = 0; r < rows; r++) {
            double[] row = new double[width];
            for (int j = 0; j < width; j++) {
                row[j] = data[r * width + j];
            }
            double[][] mean = "relu".equals(arch.activation()) ? exactPathGradient(row) : trapezoidPathGradient(row);
            base[r] = new float[outputs];
            for (int k = 0; k < outputs; k++) {
                base[r][k] = (float) baseLogOdds[k];
                for (int j = 0; j < width; j++) {
                    contributions[r][k][j] = (float) (row[j] * mean[k][j]);
                }
            }
        }
        return new Attributions("integrated_gradients", base, contributions);
    }

    /** Mean over the path of each output's log-odds gradient, by the trapezoid rule over {@link #STEPS} steps. */
    private double[][] trapezoidPathGradient(double[] row) {
        int outputs = arch.outputUnits();
        double[][] sum = new double[outputs][width];
        double[] point = new double[width];
        for (int s = 0; s <= STEPS; s++) {
            double alpha = (double) s / STEPS;
            double weight = (s == 0 || s == STEPS ? 0.5 : 1.0) / STEPS;
            for (int j = 0; j < width; j++) {
                point[j] = alpha * row[j];
            }
            double[][] g = combine(logOddsJacobian(logits(point)), logitJacobian(point));
            for (int k = 0; k < outputs; k++) {
                for (int j = 0; j < width; j++) {
                    sum[k][j] += weight * g[k][j];
                }
            }
        }
        return sum;
    }

    /** Gauss-Legendre nodes and weights on [-1, 1], 5 points (exact for polynomials up to degree 9). */
    private static final double[] GL_NODES = {0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640,
            0.9061798459386640};
    private static final double[] GL_WEIGHTS = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665,
            0.2369268850561891, 0.2369268850561891};

    /**
     * Mean over the path of each output's log-odds gradient for ReLU networks: the path is cut at every point where a
     * hidden unit of any member switches, the logits' Jacobian is taken once per piece (constant there), and the
     * gradient of the log-odds with respect to the logits is integrated over the piece by Gauss-Legendre.
     */
    private double[][] exactPathGradient(double[] row) {
        int outputs = arch.outputUnits();
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>(List.of(0.0, 1.0));
        for (List<Layer> member : members) {
            cuts.addAll(kinks(member, row));
        }
        double[][] sum = new double[outputs][width];
        double[] point = new double[width];
        Double start = null;
        for (double end : cuts) {
            if (start != null && end - start > 1e-12) {
                double length = end - start;
                for (int j = 0; j < width; j++) {
                    point[j] = (start + end) / 2 * row[j];
                }
                double[][] dzdx = logitJacobian(point);
                double[][] w = new double[outputs][outputs]; // integral over the piece of dF_k/dz_c
                for (int n = 0; n < GL_NODES.length; n++) {
                    double alpha = start + length * (GL_NODES[n] + 1) / 2;
                    for (int j = 0; j < width; j++) {
                        point[j] = alpha * row[j];
                    }
                    double[][] dFdz = logOddsJacobian(logits(point));
                    for (int k = 0; k < outputs; k++) {
                        for (int c = 0; c < outputs; c++) {
                            w[k][c] += length / 2 * GL_WEIGHTS[n] * dFdz[k][c];
                        }
                    }
                }
                double[][] g = combine(w, dzdx);
                for (int k = 0; k < outputs; k++) {
                    for (int j = 0; j < width; j++) {
                        sum[k][j] += g[k][j];
                    }
                }
            }
            start = end;
        }
        return sum;
    }

    /**
     * Where on the path {@code alpha * row} (alpha in (0, 1)) a hidden ReLU of this member switches: between two such
     * points every pre-activation is linear in alpha, so the next switch is the nearest zero crossing among them.
     */
    private static List<Double> kinks(List<Layer> member, double[] row) {
        List<Double> out = new ArrayList<>();
        double at = 0;
        for (int guard = 0; guard < 100_000 && at < 1; guard++) {
            double probe = at + 1e-9;
            double next = 1;
            double[] h = new double[row.length];
            double[] dh = row.clone();
            for (int j = 0; j < row.length; j++) {
                h[j] = probe * row[j];
            }
            for (int l = 0; l < member.size() - 1; l++) {
                double[] a = dense(member.get(l), h);
                double[] da = denseLinear(member.get(l), dh);
                h = new double[a.length];
                dh = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    if (da[i] != 0) {
                        double cross = probe - a[i] / da[i];
                        if (cross > at + 1e-9 && cross < next) {
                            next = cross;
                        }
                    }
                    if (a[i] > 0) {
                        h[i] = a[i];
                        dh[i] = da[i];
                    }
                }
            }
            if (next >= 1) {
                break;
            }
            out.add(next);
            at = next;
        }
        return out;
    }

    private static double[] denseLinear(Layer layer, double[] v) {
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

    /** {@code [k][j] = sum_c a[k][c] * b[c][j]}. */
    private double[][] combine(double[][] a, double[][] b) {
        int outputs = arch.outputUnits();
        double[][] g = new double[outputs][width];
        for (int k = 0; k < outputs; k++) {
            for (int c = 0; c < outputs; c++) {
                double d = a[k][c];
                if (d != 0) {
                    for (int j = 0; j < width; j++) {
                        g[k][j] += d * b[c][j];
                    }
                }
            }
        }
        return g;
    }

    /** The ensemble's logits (mean of the members') at {@code x}. */
    double[] logits(double[] x) {
        double[] z = new double[arch.outputUnits()];
        for (List<Layer> member : members) {
            double[] h = x;
            for (int l = 0; l < member.size(); l++) {
                h = dense(member.get(l), h);
                if (l < member.size() - 1) {
                    for (int i = 0; i < h.length; i++) {
                        h[i] = activate(h[i]);
                    }
                }
            }
            for (int k = 0; k < z.length; k++) {
                z[k] += h[k] / members.size();
            }
        }
        return z;
    }

    /** Per output, the gradient of the ensemble's logit with respect to the input at {@code x}. */
    private double[][] logitJacobian(double[] x) {
        int outputs = arch.outputUnits();
        double[][] dzdx = new double[outputs][width]; // d ensemble logit k / dx
        for (List<Layer> member : members) {
            // forward, keeping every layer's pre-activation
            List<double[]> pre = new ArrayList<>(member.size());
            double[] h = x;
            for (int l = 0; l < member.size(); l++) {
                double[] a = dense(member.get(l), h);
                pre.add(a);
                if (l < member.size() - 1) {
                    h = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        h[i] = activate(a[i]);
                    }
                }
            }
            // backward of each member logit k: delta over the units of the layer, from the top down
            for (int k = 0; k < outputs; k++) {
                double[] delta = new double[outputs];
                delta[k] = 1.0 / members.size();
                for (int l = member.size() - 1; l >= 0; l--) {
                    Layer layer = member.get(l);
                    double[] below = new double[layer.in()];
                    for (int o = 0; o < layer.out(); o++) {
                        double d = delta[o];
                        if (d == 0) {
                            continue;
                        }
                        int offset = o * layer.in();
                        for (int i = 0; i < layer.in(); i++) {
                            below[i] += d * layer.weight()[offset + i];
                        }
                    }
                    if (l > 0) {
                        double[] a = pre.get(l - 1);
                        for (int i = 0; i < below.length; i++) {
                            below[i] *= derivative(a[i]);
                        }
                    }
                    delta = below;
                }
                for (int j = 0; j < width; j++) {
                    dzdx[k][j] += delta[j];
                }
            }
        }
        return dzdx;
    }

    /** Log-odds of each served output, given the logits (what {@link MlpArchitecture#toOutputs} serves). */
    double[] logOdds(double[] z) {
        int n = z.length;
        double[] f = new double[n];
        switch (arch.outputActivation()) {
            case "sigmoid" -> {
                System.arraycopy(z, 0, f, 0, n);
                MlpArchitecture.NoisyOr or = arch.noisyOr();
                if (or != null) {
                    // q = prod (1 - sigmoid(z_i)) over the union; log q = -sum softplus(z_i); F = log(1 - q) - log q
                    double logQ = 0;
                    for (int i : union(or)) {
                        logQ -= softplus(z[i]);
                    }
                    f[or.target()] = Math.log(-Math.expm1(logQ)) - logQ;
                }
            }
            case "softmax" -> {
                double[] p = softmax(z);
                for (int k = 0; k < n; k++) {
                    f[k] = Math.log(p[k]) - Math.log1p(-p[k]);
                }
            }
            default -> System.arraycopy(z, 0, f, 0, n);
        }
        return f;
    }

    private double[][] logOddsJacobian(double[] z) {
        int n = z.length;
        double[][] j = new double[n][n];
        switch (arch.outputActivation()) {
            case "sigmoid" -> {
                for (int k = 0; k < n; k++) {
                    j[k][k] = 1;
                }
                MlpArchitecture.NoisyOr or = arch.noisyOr();
                if (or != null) {
                    // dF/dz_i = sigmoid(z_i) / p, p = 1 - q the served union probability
                    double logQ = 0;
                    for (int i : union(or)) {
                        logQ -= softplus(z[i]);
                    }
                    double p = -Math.expm1(logQ);
                    j[or.target()] = new double[n];
                    for (int i : union(or)) {
                        j[or.target()][i] = sigmoid(z[i]) / Math.max(p, 1e-300);
                    }
                }
            }
            case "softmax" -> {
                // F_k = log p_k - log(1 - p_k); dF_k/dz_c = (delta_kc - p_c) / (1 - p_k)
                double[] p = softmax(z);
                for (int k = 0; k < n; k++) {
                    for (int c = 0; c < n; c++) {
                        j[k][c] = ((k == c ? 1 : 0) - p[c]) / Math.max(1 - p[k], 1e-300);
                    }
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    j[k][k] = 1;
                }
            }
        }
        return j;
    }

    private static List<Integer> union(MlpArchitecture.NoisyOr or) {
        List<Integer> all = new ArrayList<>(or.sources());
        if (or.ownHead()) {
            all.add(or.target());
        }
        return all;
    }

    private static double[] dense(Layer layer, double[] h) {
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

    private double activate(double a) {
        return switch (arch.activation()) {
            case "tanh" -> Math.tanh(a);
            case "gelu" -> a * phi(a);
            default -> Math.max(0, a);
        };
    }

    private double derivative(double a) {
        return switch (arch.activation()) {
            case "tanh" -> 1 - Math.tanh(a) * Math.tanh(a);
            case "gelu" -> phi(a) + a * Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
            default -> a > 0 ? 1 : 0;
        };
    }

    /** Standard normal CDF (erf by Abramowitz and Stegun 7.1.26, |error| < 1.5e-7), as PyTorch's exact GELU. */
    private static double phi(double a) {
        double x = Math.abs(a) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return 0.5 * (1 + (a >= 0 ? erf : -erf));
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}

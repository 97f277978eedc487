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
    private final List<List<DenseLayer>> members;
    private final int width;
    private final MlpLinks links;

    private IntegratedGradients(MlpArchitecture arch, List<List<DenseLayer>> members) {
        this.arch = arch;
        this.members = members;
        this.width = arch.inputSize();
        this.links = new MlpLinks(arch);
    }

    /** Copies the loaded block's dense layers (in the order {@link MlpArchitecture#newBlock()} built them). */
    public static IntegratedGradients of(MlpArchitecture arch, Block block) {
        List<DenseLayer> all = new ArrayList<>();
        collect(block, all);
        int perMember = arch.hiddenUnits().size() + 1;
        if (all.size() != perMember * arch.members()) {
            throw new IllegalArgumentException("the block has " + all.size() + " dense layers, the architecture "
                    + perMember * arch.members());
        }
        List<List<DenseLayer>> members = new ArrayList<>();
        for (int m = 0; m < arch.members(); m++) {
            members.add(List.copyOf(all.subList(m * perMember, (m + 1) * perMember)));
        }
        return new IntegratedGradients(arch, members);
    }

    private static void collect(Block block, List<DenseLayer> out) {
        if (block instanceof Linear linear) {
            NDArray w = linear.getParameters().get("weight").getArray();
            NDArray b = linear.getParameters().get("bias").getArray();
            long[] shape = w.getShape().getShape();
            out.add(new DenseLayer(w.toFloatArray(), b.toFloatArray(), (int) shape[1], (int) shape[0]));
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
        double[] baseLogOdds = links.logOdds(logits(zero));
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
            double[][] g = links.combine(links.logOddsJacobian(logits(point)), logitJacobian(point));
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
        for (List<DenseLayer> member : members) {
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
                    double[][] dFdz = links.logOddsJacobian(logits(point));
                    for (int k = 0; k < outputs; k++) {
                        for (int c = 0; c < outputs; c++) {
                            w[k][c] += length / 2 * GL_WEIGHTS[n] * dFdz[k][c];
                        }
                    }
                }
                double[][] g = links.combine(w, dzdx);
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
    private static List<Double> kinks(List<DenseLayer> member, double[] row) {
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
                double[] a = DenseLayer.affine(member.get(l), h);
                double[] da = DenseLayer.linear(member.get(l), dh);
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

    /** The ensemble's logits (mean of the members') at {@code x}. */
    double[] logits(double[] x) {
        double[] z = new double[arch.outputUnits()];
        for (List<DenseLayer> member : members) {
            double[] h = x;
            for (int l = 0; l < member.size(); l++) {
                h = DenseLayer.affine(member.get(l), h);
                if (l < member.size() - 1) {
                    for (int i = 0; i < h.length; i++) {
                        h[i] = links.activate(h[i]);
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
        for (List<DenseLayer> member : members) {
            // forward, keeping every layer's pre-activation
            List<double[]> pre = new ArrayList<>(member.size());
            double[] h = x;
            for (int l = 0; l < member.size(); l++) {
                double[] a = DenseLayer.affine(member.get(l), h);
                pre.add(a);
                if (l < member.size() - 1) {
                    h = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        h[i] = links.activate(a[i]);
                    }
                }
            }
            // backward of each member logit k: delta over the units of the layer, from the top down
            for (int k = 0; k < outputs; k++) {
                double[] delta = new double[outputs];
                delta[k] = 1.0 / members.size();
                for (int l = member.size() - 1; l >= 0; l--) {
                    DenseLayer layer = member.get(l);
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
                            below[i] *= links.derivative(a[i]);
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
        return links.logOdds(z);
    }
}

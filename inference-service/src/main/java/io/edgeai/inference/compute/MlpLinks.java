package io.edgeai.inference.compute;

import java.util.ArrayList;
import java.util.List;

/**
 * The smooth parts of a served {@link MlpArchitecture} that {@link IntegratedGradients} differentiates: the hidden
 * activation and its derivative, and the map from logits to the served outputs' log-odds (sigmoid with the
 * noisy-or union, softmax) with its Jacobian.
 */
final class MlpLinks {

    private final MlpArchitecture arch;

    MlpLinks(MlpArchitecture arch) {
        this.arch = arch;
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

    double[][] logOddsJacobian(double[] z) {
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

    double activate(double a) {
        return switch (arch.activation()) {
            case "tanh" -> Math.tanh(a);
            case "gelu" -> a * phi(a);
            default -> Math.max(0, a);
        };
    }

    double derivative(double a) {
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

    /** {@code [k][j] = sum_c a[k][c] * b[c][j]}. */
    double[][] combine(double[][] a, double[][] b) {
        int outputs = arch.outputUnits();
        int width = arch.inputSize();
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
}

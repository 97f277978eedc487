package io.edgeai.features;

import java.util.List;

/**
 * A device's last {@code size} values of each window input, oldest first; fixed memory (size x inputs doubles).
 * Not thread-safe: callers serialise access per device.
 */
public final class RollingWindow {

    private final int size;
    private final double[][] ring;
    private int count;
    private int next;

    public RollingWindow(FeatureSpec.WindowSpec spec) {
        this.size = spec.size();
        this.ring = new double[spec.inputs().size()][size];
    }

    /** Adds one reading's window inputs, evicting the oldest when full. */
    public void push(double[] inputs) {
        for (int i = 0; i < ring.length; i++) {
            ring[i][next] = inputs[i];
        }
        next = (next + 1) % size;
        count = Math.min(count + 1, size);
    }

    /** Readings currently held (at most the window size). */
    public int count() {
        return count;
    }

    /** Writes {@code stats} of every input into {@code out} from {@code offset}, in WindowSpec.featureNames order. */
    void writeStats(List<String> stats, double[] out, int offset) {
        int o = offset;
        for (double[] series : ring) {
            double[] v = ordered(series);
            for (String stat : stats) {
                out[o++] = switch (stat) {
                    case "mean" -> mean(v);
                    case "std" -> std(v);
                    case "slope" -> slope(v);
                    case "min" -> min(v);
                    case "max" -> max(v);
                    default -> throw new IllegalStateException(stat);
                };
            }
        }
    }

    private double[] ordered(double[] series) {
        double[] v = new double[count];
        int start = (next - count + size) % size;
        for (int i = 0; i < count; i++) {
            v[i] = series[(start + i) % size];
        }
        return v;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** Least-squares slope per reading: how fast the value moves. */
    private static double slope(double[] v) {
        int n = v.length;
        if (n < 2) {
            return 0;
        }
        double xm = (n - 1) / 2.0;
        double ym = mean(v);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - xm) * (v[i] - ym);
            den += (i - xm) * (i - xm);
        }
        return num / den;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return v.length == 0 ? 0 : m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return v.length == 0 ? 0 : m;
    }
}

package io.edgeai.features;

import java.util.List;
import java.util.Map;

/**
 * Turns one raw reading into the model's input vector, exactly as the feature spec says. The trainer encodes its CSV
 * rows with this class and preprocessing-service encodes live readings with it, so training and serving share one
 * definition of every feature.
 *
 * <p>Inputs must already be valid and in spec units (see {@link Units}); validation with field names is the
 * caller's job, because only the caller knows where a value came from.
 */
public final class FeatureEncoder {

    private final FeatureSpec spec;
    private final int width;
    private final int derivedOffset;
    private final int windowOffset;
    private final int categoricalOffset;
    private final List<String> windowInputs;
    /** Column index of each derived feature's inputs. */
    private final int[][] derivedInputs;

    public FeatureEncoder(FeatureSpec spec) {
        this.spec = spec;
        this.width = spec.featureCount();
        this.derivedOffset = spec.sensors().size();
        this.windowOffset = derivedOffset + spec.derived().size();
        this.categoricalOffset = windowOffset + (spec.window() == null ? 0 : spec.window().featureNames().size());
        this.windowInputs = spec.window() == null ? List.of() : spec.window().inputs();
        for (String input : windowInputs) {
            if (indexOfNumeric(input) < 0) {
                throw new IllegalArgumentException("window input " + input + " is neither a sensor nor derived");
            }
        }
        // derived features run in list order: each input is a sensor or a derived feature listed earlier
        List<FeatureSpec.DerivedFeature> derived = spec.derived();
        this.derivedInputs = new int[derived.size()][];
        java.util.Set<String> names = new java.util.HashSet<>();
        spec.sensors().forEach(s -> names.add(s.name()));
        for (int i = 0; i < derived.size(); i++) {
            FeatureSpec.DerivedFeature d = derived.get(i);
            derivedInputs[i] = new int[d.inputs().size()];
            for (int j = 0; j < d.inputs().size(); j++) {
                String input = d.inputs().get(j);
                int index = indexOfNumeric(input);
                if (spec.sensor(input) == null && (index < 0 || index >= derivedOffset + i)) {
                    throw new IllegalArgumentException("derived feature " + d.name() + " uses unknown sensor "
                            + input + (index >= 0 ? " (a derived feature listed at or after it)" : ""));
                }
                derivedInputs[i][j] = index;
            }
            if (d.usesCategory() && spec.categorical(d.category()) == null) {
                throw new IllegalArgumentException("derived feature " + d.name() + " uses unknown categorical "
                        + d.category());
            }
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("derived feature " + d.name() + " repeats a feature name");
            }
        }
        FeatureSpec.Normalization n = spec.normalization();
        if (n != null && (n.mean() == null || n.std() == null || n.mean().length != width || n.std().length != width)) {
            // A spec whose statistics do not match its columns would silently shift every feature; refuse it early.
            throw new IllegalArgumentException("normalization needs " + width + " means and stds, one per feature");
        }
        if (n != null) {
            for (double sd : n.std()) {
                if (!(sd > 0) || Double.isInfinite(sd)) {
                    throw new IllegalArgumentException("normalization std must be positive and finite, was " + sd);
                }
            }
        }
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** Width of the model input: the number of features per reading. */
    public int width() {
        return width;
    }

    /** A fresh per-device window for this spec, or null when the spec has none. */
    public RollingWindow newWindow() {
        return spec.window() == null ? null : new RollingWindow(spec.window());
    }

    /**
     * The un-normalised feature vector of one reading. When the spec has a window, the reading is first pushed into
     * {@code window} (the device's state) and the statistics include it.
     *
     * @param sensors      sensor name to value, in spec units; every spec sensor present
     * @param categoricals categorical name to value; unknown values encode as all-zero columns
     * @param window       the device's rolling window (ignored when the spec has none)
     */
    public double[] raw(Map<String, Double> sensors, Map<String, String> categoricals, RollingWindow window) {
        double[] out = new double[width];
        List<FeatureSpec.SensorSpec> sensorSpecs = spec.sensors();
        for (int i = 0; i < sensorSpecs.size(); i++) {
            Double v = sensors.get(sensorSpecs.get(i).name());
            if (v == null) {
                throw new IllegalArgumentException("missing sensor " + sensorSpecs.get(i).name());
            }
            out[i] = v;
        }
        List<FeatureSpec.DerivedFeature> derived = spec.derived();
        for (int i = 0; i < derived.size(); i++) {
            FeatureSpec.DerivedFeature d = derived.get(i);
            int[] in = derivedInputs[i];
            out[derivedOffset + i] = in.length == 2 ? d.apply(out[in[0]], out[in[1]])
                    : d.apply(out[in[0]], d.usesCategory() && categoricals != null ? categoricals.get(d.category())
                            : null);
        }
        if (spec.window() != null) {
            if (window == null) {
                throw new IllegalArgumentException("this spec needs a rolling window per device");
            }
            double[] inputs = new double[windowInputs.size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = out[indexOfNumeric(windowInputs.get(i))];
            }
            window.push(inputs);
            window.writeStats(spec.window().stats(), out, windowOffset);
        }
        int o = categoricalOffset;
        for (FeatureSpec.CategoricalSpec c : spec.categoricals()) {
            String value = categoricals == null ? null : categoricals.get(c.name());
            for (String known : c.values()) {
                out[o++] = known.equals(value) ? 1.0 : 0.0;
            }
        }
        return out;
    }

    /** Normalises a raw vector in place with the spec's statistics and returns it as floats (the model's dtype). */
    public float[] normalize(double[] raw) {
        FeatureSpec.Normalization n = spec.normalization();
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = n == null ? (float) raw[i] : (float) ((raw[i] - n.mean()[i]) / n.std()[i]);
        }
        return out;
    }

    /** {@link #raw} then {@link #normalize}: the model input of one reading. */
    public float[] encode(Map<String, Double> sensors, Map<String, String> categoricals, RollingWindow window) {
        return normalize(raw(sensors, categoricals, window));
    }

    /**
     * Fits normalisation on training rows (raw vectors): mean and population standard deviation per numeric column;
     * one-hot columns are left as they are (mean 0, std 1) so they stay readable.
     */
    public FeatureSpec.Normalization fit(List<double[]> rows) {
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            if (j >= categoricalOffset) {
                mean[j] = 0;
                std[j] = 1;
                continue;
            }
            double s = 0;
            for (double[] r : rows) {
                s += r[j];
            }
            double m = rows.isEmpty() ? 0 : s / rows.size();
            double v = 0;
            for (double[] r : rows) {
                v += (r[j] - m) * (r[j] - m);
            }
            double sd = rows.isEmpty() ? 1 : Math.sqrt(v / rows.size());
            mean[j] = m;
            std[j] = sd < 1e-9 ? 1 : sd;
        }
        return new FeatureSpec.Normalization(mean, std);
    }

    private int indexOfNumeric(String name) {
        for (int i = 0; i < spec.sensors().size(); i++) {
            if (spec.sensors().get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < spec.derived().size(); i++) {
            if (spec.derived().get(i).name().equals(name)) {
                return derivedOffset + i;
            }
        }
        return -1;
    }
}

package io.edgeai.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code feature_spec} block of a model's model.json: everything needed to turn a raw reading into the model's
 * input vector, used by the trainer and by preprocessing-service alike.
 *
 * <p>The model input is, in this order: the sensors (in their spec units), the derived features, the rolling-window
 * statistics ({@code <input>_<stat>}), and one one-hot column per categorical value ({@code <name>=<value>}); then
 * every column is normalised with {@link Normalization}.
 *
 * @param sensors       raw numeric sensors, with unit and physical range
 * @param categoricals  categorical inputs, one-hot encoded in the listed order of values
 * @param derived       features computed from sensors (e.g. temperature difference, mechanical power)
 * @param window        per-device rolling statistics over the last readings, or null for none
 * @param normalization per-column mean and standard deviation, or null before fitting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSpec(List<SensorSpec> sensors, List<CategoricalSpec> categoricals, List<DerivedFeature> derived,
                          WindowSpec window, Normalization normalization) {

    public FeatureSpec {
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        categoricals = categoricals == null ? List.of() : List.copyOf(categoricals);
        derived = derived == null ? List.of() : List.copyOf(derived);
    }

    /** The same spec with fitted normalisation statistics. */
    public FeatureSpec withNormalization(Normalization fitted) {
        return new FeatureSpec(sensors, categoricals, derived, window, fitted);
    }

    /** Column names of the model input, in order. */
    @JsonIgnore
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        sensors.forEach(s -> names.add(s.name()));
        derived.forEach(d -> names.add(d.name()));
        if (window != null) {
            names.addAll(window.featureNames());
        }
        categoricals.forEach(c -> c.values().forEach(v -> names.add(c.name() + "=" + v)));
        return names;
    }

    /** Width of the model input. */
    @JsonIgnore
    public int featureCount() {
        return featureNames().size();
    }

    /** The sensor of that name, or null. */
    public SensorSpec sensor(String name) {
        return sensors.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The categorical of that name, or null. */
    public CategoricalSpec categorical(String name) {
        return categoricals.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A raw numeric sensor.
     *
     * @param name        the name readings use (e.g. {@code air_temperature})
     * @param unit        the unit the model was trained in (e.g. {@code K}); readings in other units are converted
     * @param min         lowest physically plausible value, in {@code unit}
     * @param max         highest physically plausible value, in {@code unit}
     * @param description what the sensor measures, for humans
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SensorSpec(String name, String unit, double min, double max, String description) {
        public SensorSpec {
            Objects.requireNonNull(name, "sensor name");
        }
    }

    /**
     * A categorical input.
     *
     * @param name   the name readings use (e.g. {@code machine_type})
     * @param values the known values, one one-hot column each
     */
    public record CategoricalSpec(String name, List<String> values) {
        public CategoricalSpec {
            Objects.requireNonNull(name, "categorical name");
            values = List.copyOf(values);
        }
    }

    /**
     * A feature computed from two sensors: {@code scale * (a op b)}.
     *
     * @param name   the feature's column name
     * @param op     {@code difference}, {@code sum}, {@code product} or {@code ratio}
     * @param inputs the two sensor names {@code [a, b]}
     * @param scale  a constant factor (1 when absent), e.g. 2π/60 to turn Nm·rpm into watts
     */
    public record DerivedFeature(String name, String op, List<String> inputs, Double scale) {
        public DerivedFeature {
            Objects.requireNonNull(name, "derived feature name");
            inputs = List.copyOf(inputs);
            if (inputs.size() != 2) {
                throw new IllegalArgumentException("derived feature " + name + " needs exactly two inputs");
            }
            if (!List.of("difference", "sum", "product", "ratio").contains(op)) {
                throw new IllegalArgumentException("derived feature " + name + " has unknown op " + op);
            }
        }

        double apply(double a, double b) {
            double s = scale == null ? 1.0 : scale;
            return s * switch (op) {
                case "difference" -> a - b;
                case "sum" -> a + b;
                case "product" -> a * b;
                case "ratio" -> b == 0 ? 0 : a / b;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    /**
     * Rolling statistics over a device's last {@code size} readings (the current one included).
     *
     * @param size   readings in the window
     * @param inputs sensor or derived feature names to summarise
     * @param stats  any of {@code mean}, {@code std}, {@code slope} (per reading), {@code min}, {@code max}
     */
    public record WindowSpec(int size, List<String> inputs, List<String> stats) {
        public WindowSpec {
            inputs = List.copyOf(inputs);
            stats = List.copyOf(stats);
            if (size < 1) {
                throw new IllegalArgumentException("window size must be at least 1");
            }
            for (String stat : stats) {
                if (!List.of("mean", "std", "slope", "min", "max").contains(stat)) {
                    throw new IllegalArgumentException("unknown window statistic " + stat);
                }
            }
        }

        @JsonIgnore
        public List<String> featureNames() {
            List<String> names = new ArrayList<>();
            for (String input : inputs) {
                for (String stat : stats) {
                    names.add(input + "_" + stat);
                }
            }
            return names;
        }
    }

    /**
     * Per-column statistics applied as {@code (x - mean) / std}.
     *
     * @param mean one value per feature column
     * @param std  one value per feature column (never 0)
     */
    public record Normalization(double[] mean, double[] std) {
    }
}

package io.edgeai.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param derived       features computed from sensors and earlier derived features (e.g. temperature difference,
 *                      mechanical power), in evaluation order
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
     * A feature computed from sensors, earlier derived features and categoricals. Derived features are evaluated in
     * list order, so an input may name a sensor or a derived feature listed before this one.
     *
     * <p>Two-input ops, {@code scale * (a op b)}: {@code difference}, {@code sum}, {@code product}, {@code ratio}
     * (0 when {@code b} is 0), {@code min}, {@code max}.
     *
     * <p>One-input ops: {@code affine} is {@code scale * a + offset}; {@code abs_diff_constant} is
     * {@code scale * |a - constant|}; {@code hinge} is {@code scale * max(0, a - constant)};
     * {@code scale_by_category} is {@code a * factors[value of category]} (a value without a factor uses
     * {@code default_factor}, or the mean of the factors when that is absent), e.g. tool wear x torque over a
     * per-machine-type limit.
     *
     * @param name          the feature's column name
     * @param op            one of the ops above
     * @param inputs        the input names {@code [a, b]} or {@code [a]}
     * @param scale         a constant factor (1 when absent), e.g. 2π/60 to turn Nm·rpm into watts
     * @param offset        {@code affine} only: added after scaling (0 when absent)
     * @param constant      {@code abs_diff_constant}, {@code hinge}: the reference value
     * @param category      {@code scale_by_category}: the categorical whose value picks the factor
     * @param factors       {@code scale_by_category}: factor per categorical value
     * @param defaultFactor {@code scale_by_category}: factor of values without one (mean of factors when absent)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DerivedFeature(String name, String op, List<String> inputs, Double scale, Double offset,
                                 Double constant, String category, Map<String, Double> factors,
                                 @JsonProperty("default_factor") Double defaultFactor) {

        static final List<String> BINARY = List.of("difference", "sum", "product", "ratio", "min", "max");
        static final List<String> UNARY = List.of("affine", "abs_diff_constant", "hinge", "scale_by_category");

        public DerivedFeature {
            Objects.requireNonNull(name, "derived feature name");
            Objects.requireNonNull(inputs, "derived feature " + name + " inputs");
            inputs = List.copyOf(inputs);
            factors = factors == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
            if (BINARY.contains(op)) {
                if (inputs.size() != 2) {
                    throw new IllegalArgumentException("derived feature " + name + " needs exactly two inputs");
                }
            } else if (UNARY.contains(op)) {
                if (inputs.size() != 1) {
                    throw new IllegalArgumentException("derived feature " + name + " (" + op
                            + ") needs exactly one input");
                }
            } else {
                throw new IllegalArgumentException("derived feature " + name + " has unknown op " + op);
            }
            if ((op.equals("abs_diff_constant") || op.equals("hinge")) && constant == null) {
                throw new IllegalArgumentException("derived feature " + name + " (" + op + ") needs a constant");
            }
            if (op.equals("scale_by_category")) {
                if (category == null || factors == null || factors.isEmpty()) {
                    throw new IllegalArgumentException("derived feature " + name
                            + " (scale_by_category) needs a category and factors");
                }
                for (Map.Entry<String, Double> f : factors.entrySet()) {
                    if (f.getValue() == null || !Double.isFinite(f.getValue())) {
                        throw new IllegalArgumentException("derived feature " + name + " has no finite factor for "
                                + f.getKey());
                    }
                }
            }
        }

        /** A two-input feature {@code scale * (a op b)}, as before the one-input ops existed. */
        public DerivedFeature(String name, String op, List<String> inputs, Double scale) {
            this(name, op, inputs, scale, null, null, null, null, null);
        }

        /** {@code scale * a + offset}. */
        public static DerivedFeature affine(String name, String input, double scale, double offset) {
            return new DerivedFeature(name, "affine", List.of(input), scale, offset, null, null, null, null);
        }

        /** {@code scale * |a - constant|}. */
        public static DerivedFeature absDiffConstant(String name, String input, double constant, Double scale) {
            return new DerivedFeature(name, "abs_diff_constant", List.of(input), scale, null, constant, null, null,
                    null);
        }

        /** {@code scale * max(0, a - constant)}. */
        public static DerivedFeature hinge(String name, String input, double constant, Double scale) {
            return new DerivedFeature(name, "hinge", List.of(input), scale, null, constant, null, null, null);
        }

        /** {@code a * factors[categorical value]}. */
        public static DerivedFeature scaleByCategory(String name, String input, String category,
                                                     Map<String, Double> factors) {
            return new DerivedFeature(name, "scale_by_category", List.of(input), null, null, null, category, factors,
                    null);
        }

        /** Whether this op reads a categorical value. */
        @JsonIgnore
        boolean usesCategory() {
            return "scale_by_category".equals(op);
        }

        double apply(double a, double b) {
            double s = scale == null ? 1.0 : scale;
            return s * switch (op) {
                case "difference" -> a - b;
                case "sum" -> a + b;
                case "product" -> a * b;
                case "ratio" -> b == 0 ? 0 : a / b;
                case "min" -> Math.min(a, b);
                case "max" -> Math.max(a, b);
                default -> throw new IllegalStateException(op);
            };
        }

        /** One-input ops; {@code categoryValue} is the reading's value of {@link #category} (may be null). */
        double apply(double a, String categoryValue) {
            double s = scale == null ? 1.0 : scale;
            return switch (op) {
                case "affine" -> s * a + (offset == null ? 0 : offset);
                case "abs_diff_constant" -> s * Math.abs(a - constant);
                case "hinge" -> s * Math.max(0, a - constant);
                case "scale_by_category" -> s * a * factor(categoryValue);
                default -> throw new IllegalStateException(op);
            };
        }

        double factor(String value) {
            Double f = value == null ? null : factors.get(value);
            if (f != null) {
                return f;
            }
            if (defaultFactor != null) {
                return defaultFactor;
            }
            return factors.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
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

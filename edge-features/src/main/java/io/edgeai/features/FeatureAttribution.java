package io.edgeai.features;

import io.edgeai.contracts.explain.Explanation;
import io.edgeai.contracts.explain.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns per-column contributions of a model input row into what an operator reads: the feature spec knows how every
 * column was derived, so columns that depend on the same raw sensors become one {@link Reason} (tool wear x torque,
 * the overstrain ratio and its excess are one reason, with the limit the spec's rule puts on it), and every column's
 * contribution is summed back onto the sensors it was computed from (split evenly between them: a product of torque
 * and tool wear owes its share to both).
 */
public final class FeatureAttribution {

    private final FeatureSpec spec;
    private final List<String> columns;
    /** Per column: the sensors (in spec order) and categoricals it is computed from. */
    private final List<Set<String>> dependencies;
    /** Per column: the numeric sensors alone (the reason it belongs to), or its categorical for one-hot columns. */
    private final List<Set<String>> groupKeys;

    public FeatureAttribution(FeatureSpec spec) {
        this.spec = spec;
        this.columns = spec.featureNames();
        this.dependencies = new ArrayList<>(columns.size());
        this.groupKeys = new ArrayList<>(columns.size());
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        spec.sensors().forEach(s -> byName.put(s.name(), Set.of(s.name())));
        for (FeatureSpec.DerivedFeature d : spec.derived()) {
            Set<String> deps = new LinkedHashSet<>();
            d.inputs().forEach(i -> deps.addAll(byName.getOrDefault(i, Set.of(i))));
            if (d.usesCategory()) {
                deps.add(d.category());
            }
            byName.put(d.name(), deps);
        }
        if (spec.window() != null) {
            for (String input : spec.window().inputs()) {
                for (String stat : spec.window().stats()) {
                    byName.put(input + "_" + stat, byName.getOrDefault(input, Set.of(input)));
                }
            }
        }
        spec.categoricals().forEach(c -> c.values().forEach(v -> byName.put(c.name() + "=" + v, Set.of(c.name()))));
        for (String column : columns) {
            Set<String> deps = byName.get(column);
            dependencies.add(deps);
            Set<String> key = new LinkedHashSet<>();
            spec.sensors().forEach(s -> {
                if (deps.contains(s.name())) {
                    key.add(s.name());
                }
            });
            groupKeys.add(key.isEmpty() ? deps : key);
        }
    }

    /**
     * @param label         the output label explained
     * @param method        how the contributions were computed
     * @param row           the model input row (normalised as the spec says)
     * @param contributions per input column, log-odds
     * @param base          the reference's logit
     */
    public Explanation explain(String label, String method, float[] row, float[] contributions, double base) {
        if (row.length != columns.size() || contributions.length != columns.size()) {
            throw new IllegalArgumentException("the spec has " + columns.size() + " columns, the row "
                    + row.length + " and the contributions " + contributions.length);
        }
        double[] raw = denormalize(row);
        Map<String, String> categories = categoryValues(raw);
        Map<Set<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            groups.computeIfAbsent(groupKeys.get(j), k -> new ArrayList<>()).add(j);
        }
        List<Reason> reasons = new ArrayList<>(groups.size());
        double total = 0;
        for (Map.Entry<Set<String>, List<Integer>> g : groups.entrySet()) {
            double sum = 0;
            List<String> features = new ArrayList<>();
            for (int j : g.getValue()) {
                sum += contributions[j];
                features.add(columns.get(j));
            }
            total += sum;
            reasons.add(reason(g.getKey(), g.getValue(), features, raw, categories, sum));
        }
        reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.contribution())));
        Map<String, Double> sensors = new LinkedHashMap<>();
        spec.sensors().forEach(s -> sensors.put(s.name(), 0.0));
        spec.categoricals().forEach(c -> sensors.put(c.name(), 0.0));
        for (int j = 0; j < columns.size(); j++) {
            Set<String> deps = dependencies.get(j);
            for (String d : deps) {
                sensors.merge(d, (double) contributions[j] / deps.size(), Double::sum);
            }
        }
        sensors.replaceAll((k, v) -> round(v, 4));
        return new Explanation(label, method, round(base, 4), round(base + total, 4), reasons, sensors);
    }

    private Reason reason(Set<String> key, List<Integer> members, List<String> features, double[] raw,
                          Map<String, String> categories, double contribution) {
        int head = members.get(0);
        String column = columns.get(head);
        FeatureSpec.SensorSpec sensor = spec.sensor(column);
        if (sensor != null) {
            return new Reason(words(column), List.copyOf(key), features, round(raw[head], 4), sensor.unit(), null,
                    null, round(contribution, 4));
        }
        FeatureSpec.DerivedFeature d = derived(column);
        if (d == null) { // one-hot columns of a categorical: the reading's value is the reason
            String category = key.iterator().next();
            return new Reason(words(category) + " " + categories.getOrDefault(category, "unknown"), List.copyOf(key), features, null,
                    null, null, null, round(contribution, 4));
        }
        String name = formula(d);
        String unit = unit(d);
        Double limit = null;
        String note = null;
        for (int j : members) {
            FeatureSpec.DerivedFeature m = derived(columns.get(j));
            if (m == null || !m.inputs().get(0).equals(column)) {
                continue;
            }
            if ("scale_by_category".equals(m.op())) {
                String value = categories.get(m.category());
                double at = hingeConstant(members, m.name(), 1);
                limit = round(at / m.factor(value), 4);
                note = "limit for " + words(m.category()) + " " + value;
            } else if ("abs_diff_constant".equals(m.op()) && m.constant() != null) {
                double half = hingeConstant(members, m.name(), Double.NaN) / (m.scale() == null ? 1 : m.scale());
                if (Double.isFinite(half)) {
                    note = "band " + plain(m.constant() - half) + "-" + plain(m.constant() + half);
                }
            }
        }
        return new Reason(name, List.copyOf(key), features, round(raw[head], 4), unit, limit, note,
                round(contribution, 4));
    }

    /** The constant of a hinge on {@code input} among the group's columns (where its rule fires), or the fallback. */
    private double hingeConstant(List<Integer> members, String input, double fallback) {
        for (int j : members) {
            FeatureSpec.DerivedFeature h = derived(columns.get(j));
            if (h != null && "hinge".equals(h.op()) && h.inputs().get(0).equals(input)) {
                return h.constant();
            }
        }
        return fallback;
    }

    private String formula(FeatureSpec.DerivedFeature d) {
        boolean scaled = d.scale() != null && d.scale() != 1.0;
        if (scaled || d.inputs().size() != 2 || spec.sensor(d.inputs().get(0)) == null
                || spec.sensor(d.inputs().get(1)) == null) {
            return words(d.name());
        }
        String a = words(d.inputs().get(0));
        String b = words(d.inputs().get(1));
        return switch (d.op()) {
            case "product" -> a + " x " + b;
            case "difference" -> a + " - " + b;
            case "sum" -> a + " + " + b;
            case "ratio" -> a + " / " + b;
            default -> d.op() + "(" + a + ", " + b + ")";
        };
    }

    private String unit(FeatureSpec.DerivedFeature d) {
        if ((d.scale() != null && d.scale() != 1.0) || d.inputs().size() != 2) {
            return null;
        }
        FeatureSpec.SensorSpec a = spec.sensor(d.inputs().get(0));
        FeatureSpec.SensorSpec b = spec.sensor(d.inputs().get(1));
        if (a == null || b == null || a.unit() == null || b.unit() == null) {
            return null;
        }
        return switch (d.op()) {
            case "product" -> a.unit() + "·" + b.unit();
            case "ratio" -> a.unit() + "/" + b.unit();
            default -> a.unit().equals(b.unit()) ? a.unit() : null;
        };
    }

    private FeatureSpec.DerivedFeature derived(String name) {
        return spec.derived().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    private double[] denormalize(float[] row) {
        FeatureSpec.Normalization n = spec.normalization();
        double[] raw = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            raw[j] = n == null ? row[j] : row[j] * n.std()[j] + n.mean()[j];
        }
        return raw;
    }

    private Map<String, String> categoryValues(double[] raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FeatureSpec.CategoricalSpec c : spec.categoricals()) {
            for (String v : c.values()) {
                int j = columns.indexOf(c.name() + "=" + v);
                if (raw[j] > 0.5) {
                    out.put(c.name(), v);
                }
            }
        }
        return out;
    }

    private static String words(String name) {
        return name.replace('_', ' ');
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(round(v, 3));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

package io.edgeai.inference.csvtrain;

import java.util.List;

/**
 * How the columns of an uploaded CSV become a model: features, label, and the optional group and time columns,
 * plus optional training knobs.
 *
 * @param features     the feature columns
 * @param label        the label column and which of its values mean a fault
 * @param group        column whose value (machine, unit) must not appear on both sides of the split, or null
 * @param time         column with the reading time, or null (rows are then taken in file order)
 * @param epochs       most training epochs (default from settings)
 * @param hiddenUnits  hidden layer widths (default [32, 16])
 * @param learningRate Adam's learning rate (default 0.005)
 * @param seed         seed of the split and training (default 42)
 * @param encoder      a text model: the served sentence encoder that embeds the text column (default
 *                     {@code all-minilm-l6-v2}, the fp32 one)
 * @param family       {@code mlp}, {@code trees} (gradient-boosted trees) or {@code auto} (default): both are
 *                     trained and the one with the better validation score is kept (numeric models only)
 * @param window       run-to-failure data ({@code group} and {@code time} given): the rolling features per group;
 *                     default for a {@code rul} label: sizes 5, 10, 20, stats mean, std, slope of every numeric
 *                     feature
 */
public record ColumnMapping(List<Feature> features, Label label, String group, String time, Integer epochs,
                            List<Integer> hiddenUnits, Double learningRate, Long seed, String encoder,
                            String family, Window window) {

    /** A mapping without rolling-window features. */
    public ColumnMapping(List<Feature> features, Label label, String group, String time, Integer epochs,
                         List<Integer> hiddenUnits, Double learningRate, Long seed, String encoder, String family) {
        this(features, label, group, time, epochs, hiddenUnits, learningRate, seed, encoder, family, null);
    }

    /** A mapping that leaves the family to validation. */
    public ColumnMapping(List<Feature> features, Label label, String group, String time, Integer epochs,
                         List<Integer> hiddenUnits, Double learningRate, Long seed, String encoder) {
        this(features, label, group, time, epochs, hiddenUnits, learningRate, seed, encoder, null, null);
    }

    /** The encoder a text model uses when the mapping names none. */
    public static final String DEFAULT_ENCODER = "all-minilm-l6-v2";

    /** True when a feature column is text: the model is then a text classifier (one text column, a class label). */
    public boolean text() {
        return features != null && features.stream().anyMatch(f -> f != null && f.text());
    }

    /**
     * A feature column.
     *
     * @param column the CSV header
     * @param name   the name readings use (default: the header, lower case, other characters as {@code _}); a
     *               categorical is always named {@code machine_type}, the one categorical field a reading has
     * @param type   {@code numeric} (default), {@code categorical} or {@code text} (free text: the model becomes a
     *               text classifier over this one column)
     * @param unit   the unit of the values, sent along with readings (numeric only)
     * @param min    lowest plausible value (default: below the data's minimum by the data's span)
     * @param max    highest plausible value (default: above the data's maximum by the data's span)
     */
    public record Feature(String column, String name, String type, String unit, Double min, Double max) {

        public boolean categorical() {
            return "categorical".equalsIgnoreCase(type);
        }

        public boolean text() {
            return "text".equalsIgnoreCase(type);
        }
    }

    /** True when the label is remaining useful life (a regression), not a fault class. */
    public boolean rul() {
        return label != null && label.rul();
    }

    /**
     * The label column.
     *
     * @param column      the CSV header
     * @param faultValues values meaning a fault; every other value means healthy. Default for a 0/1 or
     *                    true/false column: {@code 1} / {@code true}
     * @param multiclass  false (default): one output, the fault; true: one output per fault value
     * @param name        the output label of a binary model (default {@code fault})
     * @param kind        {@code fault} (default, a classifier) or {@code rul}: remaining useful life, a number of
     *                    cycles or hours per row (needs {@code group} and {@code time})
     * @param unit        {@code rul}: {@code cycles} (default) or {@code hours}
     * @param cap         {@code rul}: labels above it count as it (the piecewise-linear target of C-MAPSS work:
     *                    a healthy machine's RUL cannot be told apart from its sensors); none by default
     * @param alertBelow  {@code rul}: the model's default "RUL below" alert level (default: a fifth of the cap, or
     *                    of the largest label)
     * @param clearAbove  {@code rul}: the level the RUL must reach again to clear it (default: alertBelow x 1.2)
     */
    public record Label(String column, List<String> faultValues, Boolean multiclass, String name, String kind,
                        String unit, Double cap, Double alertBelow, Double clearAbove) {

        public static final String RUL = "rul";

        public boolean rul() {
            return kind != null && RUL.equalsIgnoreCase(kind.trim());
        }
    }

    /**
     * Rolling-window features of run-to-failure data, computed per group by edge-features (the same code computes
     * them from a device's window at serving time).
     *
     * @param sizes  candidate window sizes (rows); the one with the best validation score is kept
     * @param inputs reading names of the features to summarise (default: every numeric feature)
     * @param stats  {@code mean}, {@code std}, {@code slope}, {@code min}, {@code max} (default mean, std, slope)
     */
    public record Window(List<Integer> sizes, List<String> inputs, List<String> stats) {
    }
}

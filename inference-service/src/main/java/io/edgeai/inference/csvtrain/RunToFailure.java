package io.edgeai.inference.csvtrain;

import io.edgeai.inference.training.core.LabelledRows;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of run-to-failure data (a {@code rul} label): the label is a non-negative number on every row, rows of a
 * group come in strictly increasing time, and every group has at least as many rows as the smallest window. Every
 * refusal names the column and the CSV row (the header is row 1).
 */
final class RunToFailure {

    /** Window sizes tried when the mapping names none. */
    static final List<Integer> DEFAULT_SIZES = List.of(5, 10, 20);
    /** Statistics of each input when the mapping names none. */
    static final List<String> DEFAULT_STATS = List.of("mean", "std", "slope");
    private static final int MAX_WINDOW = 200;

    private RunToFailure() {
    }

    /** Mapping checks of a {@code rul} label (group, time, unit, cap, window). */
    static void checkMapping(ColumnMapping m) {
        ColumnMapping.Label label = m.label();
        if (m.group() == null || m.group().isBlank() || m.time() == null || m.time().isBlank()) {
            throw new TrainingRejectedException("mapping.group and mapping.time are required for a rul label "
                    + "(run-to-failure data: one group per machine or unit, rows in time order)");
        }
        if (label.unit() != null && !List.of("cycles", "hours").contains(label.unit().toLowerCase(Locale.ROOT))) {
            throw new TrainingRejectedException("mapping.label.unit must be cycles or hours, was '" + label.unit()
                    + "'");
        }
        if (label.cap() != null && !(label.cap() > 0)) {
            throw new TrainingRejectedException("mapping.label.cap must be positive, was " + label.cap());
        }
        if (label.alertBelow() != null && !(label.alertBelow() >= 0)) {
            throw new TrainingRejectedException("mapping.label.alertBelow must be 0 or more");
        }
        if (label.clearAbove() != null && !(label.clearAbove() >= alertBelowOr(label, 0))) {
            throw new TrainingRejectedException("mapping.label.clearAbove must be at least alertBelow");
        }
        for (int size : sizes(m)) {
            if (size < 2 || size > MAX_WINDOW) {
                throw new TrainingRejectedException("mapping.window.sizes must be between 2 and " + MAX_WINDOW
                        + " each, was " + size);
            }
        }
        ColumnMapping.Window w = m.window();
        if (w != null && w.stats() != null) {
            for (String stat : w.stats()) {
                if (!List.of("mean", "std", "slope", "min", "max").contains(stat)) {
                    throw new TrainingRejectedException("mapping.window.stats: unknown statistic '" + stat
                            + "' (mean, std, slope, min, max)");
                }
            }
        }
    }

    static List<Integer> sizes(ColumnMapping m) {
        ColumnMapping.Window w = m.window();
        return w == null || w.sizes() == null || w.sizes().isEmpty() ? DEFAULT_SIZES
                : w.sizes().stream().distinct().sorted().toList();
    }

    static List<String> stats(ColumnMapping m) {
        ColumnMapping.Window w = m.window();
        return w == null || w.stats() == null || w.stats().isEmpty() ? DEFAULT_STATS : List.copyOf(w.stats());
    }

    static double alertBelowOr(ColumnMapping.Label label, double fallback) {
        return label.alertBelow() != null ? label.alertBelow() : fallback;
    }

    /** The RUL of one row: a finite number, not negative; an empty cell is refused before this. */
    static double target(String cell, int row, String column) {
        Double v = CsvLines.finite(cell);
        if (v == null) {
            throw new TrainingRejectedException("row " + row + ", column '" + column + "': '" + cell
                    + "' is not a number (rul label)");
        }
        if (v < 0) {
            throw new TrainingRejectedException("row " + row + ", column '" + column + "': " + cell
                    + " is negative; remaining useful life is 0 or more");
        }
        return v;
    }

    /** Time order within each group and the rows each group needs for the smallest window. */
    static void checkRows(List<LabelledRows.Row> rows, List<Integer> rowNumbers, ColumnMapping m) {
        Map<String, Integer> last = new HashMap<>();
        Map<String, int[]> extent = new LinkedHashMap<>(); // group -> first CSV row, row count
        for (int i = 0; i < rows.size(); i++) {
            LabelledRows.Row r = rows.get(i);
            int row = rowNumbers.get(i);
            if (r.group() == null || r.group().isEmpty()) {
                throw new TrainingRejectedException("row " + row + ", column '" + m.group() + "': empty group");
            }
            if (r.time() == null || r.time().isEmpty()) {
                throw new TrainingRejectedException("row " + row + ", column '" + m.time() + "': empty time");
            }
            Integer previous = last.put(r.group(), i);
            if (previous != null && compare(rows.get(previous).time(), r.time(), row, m.time()) >= 0) {
                throw new TrainingRejectedException("row " + row + ", column '" + m.time() + "': time " + r.time()
                        + " is not after " + rows.get(previous).time() + " (row " + rowNumbers.get(previous)
                        + ") of group '" + r.group() + "'; the time column must increase within each group");
            }
            extent.computeIfAbsent(r.group(), g -> new int[] {row, 0})[1]++;
        }
        int smallest = sizes(m).get(0);
        for (Map.Entry<String, int[]> e : extent.entrySet()) {
            if (e.getValue()[1] < smallest) {
                throw new TrainingRejectedException("column '" + m.group() + "', group '" + e.getKey()
                        + "' (starting at row " + e.getValue()[0] + "): " + e.getValue()[1] + " row(s), fewer than"
                        + " the smallest window (" + smallest + " rows); drop the group or choose smaller "
                        + "mapping.window.sizes");
            }
        }
    }

    /** Numbers compare as numbers, anything else as text (ISO-8601 sorts as text); mixing them is refused. */
    private static int compare(String a, String b, int row, String column) {
        if (b == null || b.isEmpty()) {
            throw new TrainingRejectedException("row " + row + ", column '" + column + "': empty time");
        }
        Double x = CsvLines.finite(a);
        Double y = CsvLines.finite(b);
        if ((x == null) != (y == null)) {
            throw new TrainingRejectedException("row " + row + ", column '" + column + "': time '" + b
                    + "' is not of the same kind (number or text) as the group's earlier times");
        }
        return x == null ? a.compareTo(b) : Double.compare(x, y);
    }

}

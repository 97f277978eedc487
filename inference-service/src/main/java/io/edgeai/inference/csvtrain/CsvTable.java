package io.edgeai.inference.csvtrain;

import io.edgeai.features.FeatureSpec;
import io.edgeai.features.FeatureSpec.CategoricalSpec;
import io.edgeai.features.FeatureSpec.SensorSpec;
import io.edgeai.features.Units;
import io.edgeai.inference.training.core.LabelledRows;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An uploaded CSV read through a {@link ColumnMapping}: checks the mapping against the header, parses every row
 * (naming the row and column of anything unreadable) and derives the feature spec (before normalisation) and the
 * output labels.
 *
 * @param data     the labelled rows
 * @param spec     sensors from the numeric columns, the categorical (as {@code machine_type}), no normalisation yet
 * @param columns  reading name to CSV column, for the report
 * @param targets  a {@code rul} label: the remaining useful life of each row (uncapped); null for a classifier
 */
public record CsvTable(LabelledRows data, FeatureSpec spec, Map<String, String> columns, double[] targets) {

    /** The name of the one categorical a reading carries ({@code Reading.machineType}). */
    public static final String CATEGORICAL = "machine_type";
    private static final int MAX_CATEGORIES = 50;

    public static CsvTable read(Path csv, String fileName, ColumnMapping mapping, int minRows) throws IOException {
        checkMapping(mapping);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<ColumnMapping.Feature> numeric = mapping.features().stream().filter(f -> !f.categorical()).toList();
        List<ColumnMapping.Feature> categorical = mapping.features().stream().filter(ColumnMapping.Feature::categorical)
                .toList();
        ColumnMapping.Label label = mapping.label();
        List<LabelledRows.Row> rows = new ArrayList<>();
        Map<String, Integer> labelCounts = new LinkedHashMap<>();
        Set<String> categories = new TreeSet<>();
        boolean rul = mapping.rul();
        List<Double> targets = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        try (InputStream in = new DigestInputStream(Files.newInputStream(csv), sha);
             BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new TrainingRejectedException("the CSV is empty: a header row is expected");
            }
            List<String> header = CsvLines.split(headerLine.replace("\uFEFF", ""));
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i), i);
            }
            List<String> named = new ArrayList<>();
            mapping.features().forEach(f -> named.add(f.column()));
            named.add(label.column());
            if (mapping.group() != null) {
                named.add(mapping.group());
            }
            if (mapping.time() != null) {
                named.add(mapping.time());
            }
            List<String> missing = named.stream().filter(c -> !index.containsKey(c)).distinct().toList();
            if (!missing.isEmpty()) {
                throw new TrainingRejectedException("mapping names column(s) " + missing
                        + " that the CSV does not have; its columns are " + header);
            }
            Set<String> faults = faultValues(label);
            String line;
            int rowNumber = 1; // the header is row 1, as a spreadsheet counts
            while ((line = reader.readLine()) != null) {
                rowNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = CsvLines.split(line);
                if (cells.size() < header.size()) {
                    throw new TrainingRejectedException("row " + rowNumber + ": " + cells.size() + " cells, the header has "
                            + header.size());
                }
                Map<String, Double> sensors = new HashMap<>();
                for (ColumnMapping.Feature f : numeric) {
                    String cell = cells.get(index.get(f.column()));
                    Double v = CsvLines.finite(cell);
                    if (v == null) {
                        throw new TrainingRejectedException("row " + rowNumber + ", column '" + f.column()
                                + "': '" + cell + "' is not a number (numeric feature)");
                    }
                    sensors.put(readingName(f), v);
                }
                Map<String, String> cats = new HashMap<>();
                for (ColumnMapping.Feature f : categorical) {
                    String v = cells.get(index.get(f.column()));
                    if (v.isEmpty()) {
                        throw new TrainingRejectedException("row " + rowNumber + ", column '" + f.column()
                                + "': empty (categorical feature)");
                    }
                    cats.put(CATEGORICAL, v);
                    categories.add(v);
                }
                String value = cells.get(index.get(label.column()));
                if (value.isEmpty()) {
                    throw new TrainingRejectedException("row " + rowNumber + ", column '" + label.column()
                            + "': empty label");
                }
                if (rul) {
                    targets.add(RunToFailure.target(value, rowNumber, label.column()));
                } else {
                    labelCounts.merge(value, 1, Integer::sum);
                }
                rowNumbers.add(rowNumber);
                String group = mapping.group() == null ? null : cells.get(index.get(mapping.group()));
                String time = mapping.time() == null ? null : cells.get(index.get(mapping.time()));
                rows.add(new LabelledRows.Row(sensors, cats, rul ? new int[] {0} : labelVector(label, faults, value),
                        group, time));
            }
        }
        if (categories.size() > MAX_CATEGORIES) {
            throw new TrainingRejectedException("categorical column '" + categorical.get(0).column() + "' has "
                    + categories.size() + " distinct values; at most " + MAX_CATEGORIES + " are supported");
        }
        if (rows.size() < minRows) {
            throw new TrainingRejectedException("the CSV has " + rows.size() + " data rows; at least " + minRows
                    + " are needed to train and hold out a test split");
        }
        if (rul) {
            RunToFailure.checkRows(rows, rowNumbers, mapping);
        } else {
            checkClasses(label, faultValues(label), labelCounts);
        }
        List<String> labels = rul ? io.edgeai.contracts.model.Regression.LABELS : outputLabels(label);
        List<SensorSpec> sensors = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (ColumnMapping.Feature f : numeric) {
            String name = readingName(f);
            double lo = rows.stream().mapToDouble(r -> r.sensors().get(name)).min().orElse(0);
            double hi = rows.stream().mapToDouble(r -> r.sensors().get(name)).max().orElse(0);
            double span = Math.max(hi - lo, Math.max(1e-6, Math.abs(hi) * 0.1));
            String unit = f.unit() == null || f.unit().isBlank() ? null
                    : Units.canonical(f.unit()) != null ? Units.canonical(f.unit()) : f.unit();
            sensors.add(new SensorSpec(name, unit, f.min() != null ? f.min() : lo - span,
                    f.max() != null ? f.max() : hi + span, "column '" + f.column() + "' of the training CSV"));
            columns.put(name, f.column());
        }
        List<CategoricalSpec> cats = categorical.isEmpty() ? List.of()
                : List.of(new CategoricalSpec(CATEGORICAL, List.copyOf(categories)));
        categorical.forEach(f -> columns.put(CATEGORICAL, f.column()));
        String digest = HexFormat.of().formatHex(sha.digest());
        return new CsvTable(new LabelledRows(List.copyOf(rows), labels, digest, fileName),
                new FeatureSpec(sensors, cats, List.of(), null, null), columns,
                rul ? targets.stream().mapToDouble(Double::doubleValue).toArray() : null);
    }

    /** The reading (feature spec) name of a numeric feature column. */
    static String readingName(ColumnMapping.Feature f) {
        if (f.categorical()) {
            return CATEGORICAL;
        }
        String n = f.name() != null && !f.name().isBlank() ? f.name() : f.column();
        return n.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
    }

    private static void checkMapping(ColumnMapping m) {
        if (m == null) {
            throw new TrainingRejectedException("a column mapping is required (part 'mapping' or query parameter "
                    + "'mapping')");
        }
        if (m.features() == null || m.features().isEmpty()) {
            throw new TrainingRejectedException("mapping.features: at least one feature column is required");
        }
        if (m.label() == null || m.label().column() == null || m.label().column().isBlank()) {
            throw new TrainingRejectedException("mapping.label.column is required");
        }
        Set<String> names = new LinkedHashSet<>();
        int categoricals = 0;
        for (int i = 0; i < m.features().size(); i++) {
            ColumnMapping.Feature f = m.features().get(i);
            if (f.column() == null || f.column().isBlank()) {
                throw new TrainingRejectedException("mapping.features[" + i + "].column is required");
            }
            if (f.type() != null && !List.of("numeric", "categorical").contains(f.type().toLowerCase(Locale.ROOT))) {
                throw new TrainingRejectedException("mapping.features[" + i + "].type must be numeric or "
                        + "categorical, was '" + f.type() + "'");
            }
            if (f.categorical() && ++categoricals > 1) {
                throw new TrainingRejectedException("mapping.features: only one categorical column is supported "
                        + "(a reading carries one categorical field, machineType, served as 'machine_type')");
            }
            String name = readingName(f);
            if (name.isEmpty() || !names.add(name)) {
                throw new TrainingRejectedException("mapping.features[" + i + "]: reading name '" + name
                        + "' is empty or used twice");
            }
            if (f.min() != null && f.max() != null && !(f.min() < f.max())) {
                throw new TrainingRejectedException("mapping.features[" + i + "]: min must be below max");
            }
            if (f.column().equals(m.label().column())) {
                throw new TrainingRejectedException("mapping.features[" + i + "]: column '" + f.column()
                        + "' is also the label");
            }
        }
        if (m.epochs() != null && (m.epochs() < 1 || m.epochs() > 1000)) {
            throw new TrainingRejectedException("mapping.epochs must be between 1 and 1000");
        }
        if (m.hiddenUnits() != null && m.hiddenUnits().stream().anyMatch(u -> u == null || u < 1 || u > 1024)) {
            throw new TrainingRejectedException("mapping.hiddenUnits must be between 1 and 1024 each");
        }
        if (m.learningRate() != null && !(m.learningRate() > 0 && m.learningRate() < 1)) {
            throw new TrainingRejectedException("mapping.learningRate must be in (0, 1)");
        }
        if (m.family() != null && !List.of(CsvModelTrainer.MLP, CsvModelTrainer.TREES, CsvModelTrainer.AUTO)
                .contains(m.family().trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new TrainingRejectedException("mapping.family must be mlp, trees or auto, was '" + m.family() + "'");
        }
        if (m.label().rul()) {
            RunToFailure.checkMapping(m);
        } else if (m.label().kind() != null && !"fault".equalsIgnoreCase(m.label().kind().trim())) {
            throw new TrainingRejectedException("mapping.label.kind must be fault or rul, was '" + m.label().kind()
                    + "'");
        }
        List<String> faults = m.label().faultValues();
        if (Boolean.TRUE.equals(m.label().multiclass()) && (faults == null || faults.isEmpty())) {
            throw new TrainingRejectedException("mapping.label.faultValues is required for a multiclass label");
        }
    }

    private static Set<String> faultValues(ColumnMapping.Label label) {
        if (label.faultValues() != null && !label.faultValues().isEmpty()) {
            return new LinkedHashSet<>(label.faultValues());
        }
        return Set.of("1", "true", "TRUE", "True", "1.0");
    }

    private static int[] labelVector(ColumnMapping.Label label, Set<String> faults, String value) {
        if (Boolean.TRUE.equals(label.multiclass())) {
            List<String> ordered = List.copyOf(faults);
            int[] y = new int[ordered.size()];
            int k = ordered.indexOf(value);
            if (k >= 0) {
                y[k] = 1;
            }
            return y;
        }
        return new int[] {faults.contains(value) ? 1 : 0};
    }

    private static void checkClasses(ColumnMapping.Label label, Set<String> faults, Map<String, Integer> counts) {
        long faultRows = counts.entrySet().stream().filter(e -> faults.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long healthyRows = counts.values().stream().mapToLong(Integer::longValue).sum() - faultRows;
        if (faultRows == 0 || healthyRows == 0) {
            throw new TrainingRejectedException("label column '" + label.column() + "' has one class only ("
                    + (faultRows == 0 ? "no row has a fault value " + faults : "every row is a fault")
                    + "; values seen: " + counts.keySet().stream().limit(10).collect(Collectors.joining(", "))
                    + "): a model needs both faults and healthy rows");
        }
        if (Boolean.TRUE.equals(label.multiclass())) {
            List<String> absent = faults.stream().filter(f -> !counts.containsKey(f)).toList();
            if (!absent.isEmpty()) {
                throw new TrainingRejectedException("label column '" + label.column() + "': fault value(s) " + absent
                        + " never occur; values seen: " + counts.keySet());
            }
        }
    }

    private static List<String> outputLabels(ColumnMapping.Label label) {
        if (Boolean.TRUE.equals(label.multiclass())) {
            return List.copyOf(faultValues(label));
        }
        String name = label.name() == null || label.name().isBlank() ? "fault" : label.name().trim();
        return List.of(name);
    }
}

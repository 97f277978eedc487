package io.edgeai.inference.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The AI4I 2020 predictive-maintenance table (or any CSV with the same columns): per row the five sensors, the
 * machine type and six 0/1 labels in {@link #LABELS} order.
 *
 * @param rows   the data rows
 * @param sha256 SHA-256 of the file, the data fingerprint written into the evaluation report
 * @param file   file name (no directory) for the report
 */
public record Ai4iData(List<Row> rows, String sha256, String file) {

    /** Output columns of the model, in order. */
    public static final List<String> LABELS = List.of("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF");

    private static final List<String> LABEL_COLUMNS = List.of("Machine failure", "TWF", "HDF", "PWF", "OSF", "RNF");
    private static final Map<String, String> SENSOR_COLUMNS = Map.of(
            "air_temperature", "Air temperature [K]",
            "process_temperature", "Process temperature [K]",
            "rotational_speed", "Rotational speed [rpm]",
            "torque", "Torque [Nm]",
            "tool_wear", "Tool wear [min]");

    /**
     * One machine reading with its labels.
     *
     * @param sensors     sensor name (feature spec names) to value in spec units
     * @param machineType L, M or H
     * @param labels      0/1 per {@link #LABELS}
     */
    public record Row(Map<String, Double> sensors, String machineType, int[] labels) {
    }

    public static Ai4iData read(Path csv) throws IOException {
        byte[] bytes = Files.readAllBytes(csv);
        List<String> lines;
        try (InputStream in = Files.newInputStream(csv)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        if (lines.isEmpty()) {
            throw new IOException(csv.getFileName() + " is empty");
        }
        List<String> header = split(lines.get(0).replace("\uFEFF", ""));
        int type = column(header, "Type");
        Map<String, Integer> sensorIndex = new java.util.LinkedHashMap<>();
        for (var e : SENSOR_COLUMNS.entrySet()) {
            sensorIndex.put(e.getKey(), column(header, e.getValue()));
        }
        int[] labelIndex = LABEL_COLUMNS.stream().mapToInt(c -> column(header, c)).toArray();
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            try {
                Map<String, Double> sensors = new java.util.HashMap<>();
                sensorIndex.forEach((name, idx) -> sensors.put(name, Double.parseDouble(cells.get(idx))));
                int[] labels = new int[labelIndex.length];
                for (int k = 0; k < labels.length; k++) {
                    labels[k] = Integer.parseInt(cells.get(labelIndex[k])) == 0 ? 0 : 1;
                }
                rows.add(new Row(sensors, cells.get(type), labels));
            } catch (RuntimeException e) {
                throw new IOException(csv.getFileName() + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Ai4iData(List.copyOf(rows), sha256(bytes), csv.getFileName().toString());
    }

    private static int column(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("CSV has no column '" + name + "' (AI4I 2020 columns expected)");
        }
        return i;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String c = cell.trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            out.add(c);
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

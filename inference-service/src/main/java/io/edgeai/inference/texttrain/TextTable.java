package io.edgeai.inference.texttrain;

import io.edgeai.inference.training.core.TrainingRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled notes read from an uploaded CSV: one text column, one label column whose every distinct value is a
 * class. Every problem is a 400 naming the row or column.
 *
 * @param texts   one text per row
 * @param classes class names, sorted (the model's output order)
 * @param y       class index per row
 * @param source  the file name, for the report
 * @param sha256  SHA-256 of the file's bytes
 */
public record TextTable(List<String> texts, List<String> classes, int[] y, String source, String sha256) {

    /** Fewest rows a class needs: one in each of train, validation and test, and a little to learn from. */
    static final int MIN_ROWS_PER_CLASS = 5;
    static final int MAX_CLASSES = 100;

    public static TextTable read(Path csv, String fileName, String textColumn, String labelColumn, int minRows)
            throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (InputStream in = new DigestInputStream(Files.newInputStream(csv), sha);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            CsvRecords records = new CsvRecords(reader);
            List<String> header = records.next();
            if (header == null || header.stream().allMatch(String::isBlank)) {
                throw new TrainingRejectedException("the CSV is empty: a header row is expected");
            }
            header.set(0, header.get(0).replace("\uFEFF", ""));
            int text = header.indexOf(textColumn);
            int label = header.indexOf(labelColumn);
            List<String> missing = new ArrayList<>();
            if (text < 0) {
                missing.add(textColumn);
            }
            if (label < 0) {
                missing.add(labelColumn);
            }
            if (!missing.isEmpty()) {
                throw new TrainingRejectedException("mapping names column(s) " + missing
                        + " that the CSV does not have; its columns are " + header);
            }
            List<String> cells;
            while ((cells = records.next()) != null) {
                int row = records.line();
                if (cells.size() < header.size()) {
                    throw new TrainingRejectedException("row " + row + ": " + cells.size() + " cells, the header has "
                            + header.size());
                }
                String t = cells.get(text);
                if (t.isBlank()) {
                    throw new TrainingRejectedException("row " + row + ", column '" + textColumn + "': empty text");
                }
                String l = cells.get(label).trim();
                if (l.isEmpty()) {
                    throw new TrainingRejectedException("row " + row + ", column '" + labelColumn + "': empty label");
                }
                texts.add(t);
                labels.add(l);
            }
        } catch (CharacterCodingException e) {
            throw new TrainingRejectedException("the CSV is not valid UTF-8 text");
        }
        if (texts.size() < minRows) {
            throw new TrainingRejectedException("the CSV has " + texts.size() + " data rows; at least " + minRows
                    + " are needed to train and hold out a test split");
        }
        Map<String, Integer> counts = new TreeMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        if (counts.size() < 2) {
            throw new TrainingRejectedException("label column '" + labelColumn + "' has one class only ("
                    + counts.keySet() + "): a classifier needs at least two");
        }
        if (counts.size() > MAX_CLASSES) {
            throw new TrainingRejectedException("label column '" + labelColumn + "' has " + counts.size()
                    + " distinct values; at most " + MAX_CLASSES + " classes are supported");
        }
        Map<String, Integer> rare = new TreeMap<>();
        counts.forEach((c, n) -> {
            if (n < MIN_ROWS_PER_CLASS) {
                rare.put(c, n);
            }
        });
        if (!rare.isEmpty()) {
            throw new TrainingRejectedException("label column '" + labelColumn + "': class(es) " + rare
                    + " have fewer than " + MIN_ROWS_PER_CLASS + " rows; every class needs rows to train on, to "
                    + "validate and to test (merge rare classes or label more notes)");
        }
        List<String> classes = List.copyOf(counts.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] y = labels.stream().mapToInt(index::get).toArray();
        return new TextTable(List.copyOf(texts), classes, y, fileName, HexFormat.of().formatHex(sha.digest()));
    }
}

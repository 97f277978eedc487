package io.edgeai.inference.training.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded 70/15/15 split into train (weights), validation (early stopping, thresholds) and test (the report and
 * the promotion gate). With groups, whole groups go to one side, and groups with a fault are spread over all three
 * so that every side can measure the fault; without, rows are stratified by label combination.
 *
 * @param train      row indices used for the weights
 * @param validation row indices for early stopping and thresholds
 * @param test       held-out row indices for the report
 * @param method     how the split was made, for the report
 */
public record DataSplit(List<Integer> train, List<Integer> validation, List<Integer> test, String method) {

    private static final double TRAIN = 0.70;
    private static final double VALIDATION = 0.15;

    /**
     * The first held-out side (validation, then test) without a row that has any positive label, or null when both
     * have one: a side without faults can neither choose thresholds nor measure the report.
     */
    public String sideWithoutPositives(int[][] y) {
        if (validation.stream().noneMatch(i -> Arrays.stream(y[i]).sum() > 0)) {
            return "validation";
        }
        return test.stream().noneMatch(i -> Arrays.stream(y[i]).sum() > 0) ? "test" : null;
    }

    public static DataSplit of(LabelledRows data, long seed) {
        boolean grouped = data.rows().stream().allMatch(r -> r.group() != null);
        return grouped ? byGroup(data, seed) : stratified(data, seed);
    }

    public static DataSplit stratified(LabelledRows data, long seed) {
        return stratified(data.rows().stream().map(LabelledRows.Row::labels).toList(), seed);
    }

    /** Rows (0/1 per label each) stratified by label combination, so every combination keeps its share. */
    public static DataSplit stratified(List<int[]> labels, long seed) {
        Map<String, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            strata.computeIfAbsent(Arrays.toString(labels.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> parts = allocate(new ArrayList<>(strata.values()), seed);
        return new DataSplit(parts.get(0), parts.get(1), parts.get(2),
                "rows stratified by label combination, 70/15/15, seed " + seed);
    }

    public static DataSplit byGroup(LabelledRows data, long seed) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < data.rows().size(); i++) {
            groups.computeIfAbsent(data.rows().get(i).group(), k -> new ArrayList<>()).add(i);
        }
        if (groups.size() < 3) {
            throw new TrainingRejectedException("the group column has " + groups.size()
                    + " distinct value(s); a split by group needs at least 3 (or leave the group column out)");
        }
        List<String> faulty = new ArrayList<>();
        List<String> healthy = new ArrayList<>();
        groups.forEach((g, rows) -> (rows.stream().anyMatch(i -> positive(data, i)) ? faulty : healthy).add(g));
        Collections.sort(faulty);
        Collections.sort(healthy);
        List<List<String>> strata = List.of(faulty, healthy);
        List<List<String>> sides = allocate(new ArrayList<>(strata), seed);
        List<List<Integer>> rows = new ArrayList<>();
        for (List<String> side : sides) {
            List<Integer> idx = new ArrayList<>();
            side.forEach(g -> idx.addAll(groups.get(g)));
            rows.add(idx);
        }
        Collections.shuffle(rows.get(0), new Random(seed));
        return new DataSplit(rows.get(0), rows.get(1), rows.get(2), "by group (" + groups.size()
                + " groups, none on two sides; groups with faults spread over all sides), 70/15/15, seed " + seed);
    }

    private static boolean positive(LabelledRows data, int i) {
        return Arrays.stream(data.rows().get(i).labels()).sum() > 0;
    }

    /** Splits each stratum 70/15/15 (a stratum of 3 or more reaches every side) and joins the sides. */
    private static <T> List<List<T>> allocate(List<List<T>> strata, long seed) {
        Random random = new Random(seed);
        List<T> train = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (List<T> stratum : strata) {
            List<T> s = new ArrayList<>(stratum);
            Collections.shuffle(s, random);
            int n = s.size();
            int nTrain = (int) Math.round(n * TRAIN);
            int nValidation = (int) Math.round(n * VALIDATION);
            if (n >= 3) {
                nTrain = Math.min(nTrain, n - 2);
                nValidation = Math.max(1, Math.min(nValidation, n - nTrain - 1));
            }
            train.addAll(s.subList(0, nTrain));
            validation.addAll(s.subList(nTrain, Math.min(n, nTrain + nValidation)));
            test.addAll(s.subList(Math.min(n, nTrain + nValidation), n));
        }
        Collections.shuffle(train, random);
        return List.of(train, validation, test);
    }
}

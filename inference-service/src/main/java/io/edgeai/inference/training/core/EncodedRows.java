package io.edgeai.inference.training.core;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.features.RollingWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled rows as model inputs, encoded by {@link FeatureEncoder} (the code preprocessing-service runs on live
 * readings). A spec with a rolling window gets one window per group (device), fed in row order.
 *
 * @param x one normalised feature row per reading
 * @param y 0/1 per output label per reading
 */
public record EncodedRows(float[][] x, int[][] y) {

    public static EncodedRows encode(LabelledRows data, FeatureSpec spec) {
        FeatureEncoder encoder = new FeatureEncoder(spec);
        List<double[]> raw = raw(data, encoder);
        float[][] x = new float[raw.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encoder.normalize(raw.get(i));
        }
        int[][] y = data.rows().stream().map(LabelledRows.Row::labels).toArray(int[][]::new);
        return new EncodedRows(x, y);
    }

    /** Un-normalised feature rows (to fit the normalisation on the training split). */
    public static List<double[]> raw(LabelledRows data, FeatureEncoder encoder) {
        Map<String, RollingWindow> windows = new HashMap<>();
        List<double[]> out = new ArrayList<>(data.rows().size());
        for (LabelledRows.Row r : data.rows()) {
            RollingWindow w = encoder.spec().window() == null ? null
                    : windows.computeIfAbsent(String.valueOf(r.group()), g -> encoder.newWindow());
            out.add(encoder.raw(r.sensors(), r.categoricals(), w));
        }
        return out;
    }

    /** Positives per label among the given rows. */
    public Map<String, Integer> positives(List<String> labels, List<Integer> idx) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            int kk = k;
            out.put(labels.get(k), (int) idx.stream().filter(i -> y[i][kk] == 1).count());
        }
        return out;
    }
}

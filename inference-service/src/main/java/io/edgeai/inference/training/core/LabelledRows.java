package io.edgeai.inference.training.core;

import java.util.List;
import java.util.Map;

/**
 * Labelled readings ready for encoding: what a CSV upload or data-shard's labelled export becomes.
 *
 * @param rows   the readings, in file order
 * @param labels the model's output labels; {@link Row#labels()} is 0/1 per label
 * @param sha256 SHA-256 of the source bytes (the report's data fingerprint)
 * @param source where the rows came from, for the report
 */
public record LabelledRows(List<Row> rows, List<String> labels, String sha256, String source) {

    /**
     * One reading.
     *
     * @param sensors      sensor name to value in spec units
     * @param categoricals categorical name to value
     * @param labels       0/1 per output label
     * @param group        the unit the split keeps on one side (machine, device), or null
     * @param time         the reading's time as written, or null
     */
    public record Row(Map<String, Double> sensors, Map<String, String> categoricals, int[] labels, String group,
                      String time) {
    }
}

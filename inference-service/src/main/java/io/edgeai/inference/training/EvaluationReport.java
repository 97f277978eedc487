package io.edgeai.inference.training;

import io.edgeai.inference.training.core.BinaryMetrics;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluation} block of a trained version's model.json.
 *
 * @param split    the split the metrics are measured on (always {@code test}: never used for training or choices)
 * @param data     which data, exactly, and how it was split
 * @param training how the run went
 * @param perClass metrics per output label, at the threshold chosen on the validation split
 * @param validationPerClass the same metrics on the validation split, where every choice was made (epoch,
 *                           thresholds, options); null in reports written before it existed
 */
public record EvaluationReport(String split, DataFingerprint data, TrainingSummary training,
                               Map<String, BinaryMetrics> perClass, Map<String, BinaryMetrics> validationPerClass) {

    public EvaluationReport(String split, DataFingerprint data, TrainingSummary training,
                            Map<String, BinaryMetrics> perClass) {
        this(split, data, training, perClass, null);
    }

    /**
     * @param file             CSV file name
     * @param sha256           SHA-256 of the CSV bytes
     * @param rows             data rows in the file
     * @param trainRows        rows in the training split
     * @param validationRows   rows in the validation split (early stopping and thresholds)
     * @param testRows         rows in the test split (this report)
     * @param testPositives    positives per label in the test split
     * @param stratifiedBy     what the split keeps in proportion
     * @param testRowNumbers   1-based data row numbers (after the header) of the test split, ascending: lets anyone
     *                         replay exactly these rows (for AI4I the row number is the UDI)
     */
    public record DataFingerprint(String file, String sha256, int rows, int trainRows, int validationRows,
                                  int testRows, Map<String, Integer> testPositives, String stratifiedBy,
                                  List<Integer> testRowNumbers) {

        public DataFingerprint(String file, String sha256, int rows, int trainRows, int validationRows,
                               int testRows, Map<String, Integer> testPositives, String stratifiedBy) {
            this(file, sha256, rows, trainRows, validationRows, testRows, testPositives, stratifiedBy, null);
        }
    }

    /**
     * @param seed            random seed of split, shuffling and initialisation
     * @param epochs          epochs run
     * @param bestEpoch       epoch whose weights were kept (lowest validation loss)
     * @param bestValidationLoss weighted BCE on validation at that epoch
     * @param positiveWeights loss weight of each label's positives
     * @param seconds         wall time of the run
     * @param engine          DJL engine and version
     */
    public record TrainingSummary(long seed, int epochs, int bestEpoch, String selection, double bestSelectionScore,
                                  Map<String, Double> positiveWeights, double seconds, String engine) {
    }
}

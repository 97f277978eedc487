package io.edgeai.inference.texttrain;

import io.edgeai.inference.training.core.ClassificationMetrics;
import io.edgeai.inference.training.core.SiteEvaluation;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluation} block of a text classifier trained on site, measured on the held-out test split.
 *
 * @param split     always {@code test}
 * @param data      which rows, and how they were split ({@code test_positives}: test rows per class)
 * @param encoder   the encoder that embedded them
 * @param head      the head kept and every candidate with its validation scores
 * @param training  how the kept head's run went
 * @param accuracy  share of test rows whose most probable class is right
 * @param macroF1   mean per-class F1 on test
 * @param perClass  per class on test
 * @param confusion test rows by true (rows) and predicted (columns) class, in {@code classes} order
 * @param classes   class names in output order
 * @param gate      the number a later version must not make worse (macro F1 on test)
 */
public record TextEvaluation(String split, SiteEvaluation.Data data, Encoder encoder, Head head,
                             SiteEvaluation.Training training, double accuracy, double macroF1,
                             Map<String, ClassificationMetrics> perClass, int[][] confusion, List<String> classes,
                             SiteEvaluation.Gate gate) {

    /**
     * @param model         the encoder model
     * @param version       its version
     * @param maxTokens     its token limit
     * @param truncatedRows rows whose text was longer than that and cut
     * @param seconds       time spent embedding every row
     */
    public record Encoder(String model, long version, Integer maxTokens, int truncatedRows, double seconds) {
    }

    /**
     * @param chosen     {@code logistic_regression} or {@code mlp}, by validation macro F1 (ties: the simpler)
     * @param candidates every head trained
     */
    public record Head(String chosen, List<Candidate> candidates) {
    }

    /**
     * @param head                {@code logistic_regression} or {@code mlp}
     * @param hiddenUnits         hidden layers (none for logistic regression)
     * @param validationMacroF1   macro F1 on validation
     * @param validationAccuracy  accuracy on validation
     * @param epochs              epochs run
     * @param bestEpoch           epoch kept (lowest validation cross-entropy)
     */
    public record Candidate(String head, List<Integer> hiddenUnits, double validationMacroF1,
                            double validationAccuracy, int epochs, int bestEpoch) {
    }
}

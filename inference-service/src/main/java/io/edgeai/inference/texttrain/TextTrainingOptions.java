package io.edgeai.inference.texttrain;

import java.util.List;

/**
 * The knobs of a text classifier run (from the CSV mapping; nulls take the defaults).
 *
 * @param textColumn   CSV header of the notes
 * @param labelColumn  CSV header of the class
 * @param epochs       most epochs per head (default 150, early stopping with patience 25)
 * @param hiddenUnits  the MLP candidate's hidden layers (default [128])
 * @param learningRate Adam's learning rate (default 0.01 for logistic regression, 0.003 for the MLP)
 * @param seed         seed of the split and training (default 42)
 */
public record TextTrainingOptions(String textColumn, String labelColumn, Integer epochs, List<Integer> hiddenUnits,
                                  Double learningRate, Long seed) {

    int epochsOrDefault() {
        return epochs == null ? 150 : epochs;
    }

    long seedOrDefault() {
        return seed == null ? 42 : seed;
    }

    List<Integer> hiddenUnitsOrDefault() {
        return hiddenUnits == null || hiddenUnits.isEmpty() ? List.of(128) : hiddenUnits;
    }
}

package io.edgeai.contracts.model;

/**
 * The decision levels of one output label, as model.json's {@code thresholds} holds them and postprocessing applies
 * them: at or above {@code high} counts as a predicted failure (an alert is raised), at or above {@code low} as a
 * warning; below {@code low} counts towards clearing an alert (the band between the two is the hysteresis).
 *
 * @param high raise level, in [0, 1]
 * @param low  clear level, in [0, high]
 */
public record Threshold(double high, double low) {

    public Threshold {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("threshold needs 0 <= low <= high <= 1, was low=" + low
                    + " high=" + high);
        }
    }
}

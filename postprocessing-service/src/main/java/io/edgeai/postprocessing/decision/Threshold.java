package io.edgeai.postprocessing.decision;

/**
 * A class's decision levels: at or above {@code high} counts as a predicted failure, at or above {@code low} as a
 * warning; below {@code low} counts towards clearing an alert (hysteresis band between the two).
 */
public record Threshold(double high, double low) {

    public Threshold {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("threshold needs 0 <= low <= high <= 1, was low=" + low
                    + " high=" + high);
        }
    }
}

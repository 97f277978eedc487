package io.edgeai.inference.finetune;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /v2/models/{m}/finetune}; every field is optional.
 *
 * @param devices       only readings of these devices (default: all)
 * @param from          only readings at or after this time
 * @param to            only readings before this time
 * @param epochs        most epochs (default 20)
 * @param learningRate  Adam's learning rate (default 0.001: a warm start needs small steps)
 * @param seed          seed of the split and training (default 42)
 * @param shuffleLabels negative control: train from scratch on randomly permuted labels (the test split keeps the
 *                      true ones), to see the gate refuse a worse candidate
 */
public record FineTuneRequest(List<String> devices, Instant from, Instant to, Integer epochs, Double learningRate,
                              Long seed, Boolean shuffleLabels, String family) {

    /** The model families a fine-tune can train; without {@code family} both, and validation chooses. */
    public static final List<String> FAMILIES = List.of("mlp", "trees");

    public static final FineTuneRequest DEFAULTS = new FineTuneRequest(null, null, null, null, null, null, null, null);

    /** Whether this request lets the given family ({@code mlp} or {@code trees}) compete. */
    public boolean allows(String candidateFamily) {
        return family == null || family.equals(candidateFamily);
    }

    public int epochsOrDefault() {
        return epochs == null ? 20 : epochs;
    }

    public float learningRateOrDefault() {
        return learningRate == null ? 0.001f : learningRate.floatValue();
    }

    public long seedOrDefault() {
        return seed == null ? 42 : seed;
    }

    public boolean shuffled() {
        return Boolean.TRUE.equals(shuffleLabels);
    }
}

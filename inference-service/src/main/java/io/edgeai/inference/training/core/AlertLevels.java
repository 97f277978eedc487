package io.edgeai.inference.training.core;

import io.edgeai.contracts.model.Threshold;

/** The thresholds a trained label ships with: every trainer picks the raise level, the clear level follows it. */
public final class AlertLevels {

    private AlertLevels() {
    }

    /** Raise at {@code high}, clear at 0.6 of it (4 decimals), so a reading hovering at the threshold does not flap. */
    public static Threshold raisingAt(double high) {
        return new Threshold(high, Math.round(high * 0.6 * 10000) / 10000.0);
    }
}

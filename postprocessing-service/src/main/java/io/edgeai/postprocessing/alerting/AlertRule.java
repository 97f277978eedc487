package io.edgeai.postprocessing.alerting;

import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.Threshold;

/**
 * When one label's value raises and clears its alert. A probability rule rises: raised at or above {@code raise},
 * cleared below {@code clear}. A remaining-useful-life rule falls: raised below {@code raise} ("RUL below N"),
 * cleared at or above {@code clear}. The band between the two levels is the hysteresis either way.
 *
 * @param source  the key of the value in a stored prediction's probabilities (the label itself for a probability
 *                rule, {@code rul} for {@code rul_low})
 * @param raise   the raise level
 * @param clear   the clear level
 * @param falling true for "below" rules
 */
public record AlertRule(String source, double raise, double clear, boolean falling) {

    /** The rule of a probability threshold. */
    public static AlertRule of(String label, Threshold t) {
        return new AlertRule(label, t.high(), t.low(), false);
    }

    /** The {@code rul_low} rule of a RUL model. */
    public static AlertRule rulBelow(Regression.RulAlert alert) {
        return new AlertRule(Regression.RUL, alert.below(), alert.clearAbove(), true);
    }

    /** Whether this value counts towards raising. */
    public boolean raises(double v) {
        return falling ? v < raise : v >= raise;
    }

    /** Whether this value counts towards clearing. */
    public boolean clears(double v) {
        return falling ? v >= clear : v < clear;
    }

    /** A falling rule's alert is critical below half its level; a rising one's at {@code criticalProbability}. */
    boolean critical(double v, double criticalProbability) {
        return falling ? v < raise / 2 : v >= criticalProbability;
    }
}

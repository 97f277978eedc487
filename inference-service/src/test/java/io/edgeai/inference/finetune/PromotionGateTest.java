package io.edgeai.inference.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.training.core.ClassificationMetrics;
import org.junit.jupiter.api.Test;

/** The fine-tuning promotion rule, case by case. */
class PromotionGateTest {

    /** Metrics from a confusion matrix. */
    static ClassificationMetrics m(int tp, int fp, int fn, int tn) {
        boolean[] predicted = new boolean[tp + fp + fn + tn];
        int[] truth = new int[predicted.length];
        int i = 0;
        for (int k = 0; k < tp; k++, i++) {
            predicted[i] = true;
            truth[i] = 1;
        }
        for (int k = 0; k < fp; k++, i++) {
            predicted[i] = true;
        }
        for (int k = 0; k < fn; k++, i++) {
            truth[i] = 1;
        }
        return ClassificationMetrics.of(predicted, truth, 0.5);
    }

    static FineTuneRun.Gate gate(ClassificationMetrics candidate, ClassificationMetrics current, int bestEpoch) {
        return FineTuneRun.gate("machine_failure F1", candidate, current, bestEpoch, 0.1, 1, 100);
    }

    @Test
    void aCandidateNotWorseOnTheSameRowsIsPromoted() {
        FineTuneRun.Gate g = gate(m(8, 1, 2, 89), m(5, 2, 5, 88), 7);
        assertThat(g.promote()).isTrue();
        assertThat(g.reason()).startsWith("candidate is not worse");
    }

    @Test
    void aWorseCandidateIsRefused() {
        FineTuneRun.Gate g = gate(m(4, 3, 6, 87), m(8, 1, 2, 89), 7);
        assertThat(g.promote()).isFalse();
        assertThat(g.reason()).startsWith("candidate is worse");
    }

    @Test
    void noImprovedEpochMeansNoNewVersion() {
        FineTuneRun.Gate g = gate(m(8, 1, 2, 89), m(8, 1, 2, 89), 0);
        assertThat(g.promote()).isFalse();
        assertThat(g.reason()).startsWith("no epoch improved");
    }

    @Test
    void heldOutRowsWithoutAFailureCompareNothing() {
        // Both score F1 0, so "not worse" held, and this was promoted.
        FineTuneRun.Gate g = gate(m(0, 0, 0, 100), m(0, 2, 0, 98), 7);
        assertThat(g.promote()).isFalse();
        assertThat(g.reason()).contains("hold no failure");
    }

    @Test
    void aCandidateThatFindsNoFailureIsRefusedEvenWhenTheCurrentOneFindsNoneEither() {
        FineTuneRun.Gate g = gate(m(0, 0, 4, 96), m(0, 1, 4, 95), 7);
        assertThat(g.promote()).isFalse();
        assertThat(g.reason()).contains("finds none of the 4 failures");
    }
}

package io.edgeai.inference.training.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void metricsMatchHandComputedValues() {
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f, 0.2f, 0.1f};
        int[] labels = {1, 0, 1, 0, 1, 0};
        BinaryMetrics m = BinaryMetrics.of(scores, labels, 0.65);
        assertThat(m.confusionMatrix()).isEqualTo(new BinaryMetrics.Confusion(2, 1, 1, 2));
        assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-4));
        assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-4));
        // positive/negative pairs ranked right: (0.9>0.8,0.6,0.1) 3 + (0.7>0.6,0.1) 2 + (0.2>0.1) 1 = 6 of 9
        assertThat(m.rocAuc()).isCloseTo(6 / 9.0, within(1e-4));
        // precision at each positive: 1/1, 2/3, 3/5
        assertThat(m.prAuc()).isCloseTo((1 + 2 / 3.0 + 3 / 5.0) / 3, within(1e-4));
        assertThat(BinaryMetrics.of(scores, new int[6], 0.5).rocAuc()).isNull();
    }

    @Test
    void bestF1ThresholdSeparatesAPerfectRanking() {
        float[] scores = {0.9f, 0.8f, 0.3f, 0.1f};
        int[] labels = {1, 1, 0, 0};
        double t = BinaryMetrics.bestF1Threshold(scores, labels);
        assertThat(t).isBetween(0.3, 0.8);
        assertThat(BinaryMetrics.of(scores, labels, t).f1()).isEqualTo(1.0);
    }
}

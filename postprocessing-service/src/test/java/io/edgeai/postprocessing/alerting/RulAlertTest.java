package io.edgeai.postprocessing.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Regression;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "RUL below N": the rul_low alert falls where probability alerts rise, with the same k-of-n debounce and
 * hysteresis: one low reading raises nothing, a RUL between the two levels neither raises nor clears.
 */
class RulAlertTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final List<String> LABELS = List.of(Regression.ALERT_LABEL);
    static final AlertRule[] RULE = {AlertRule.rulBelow(new Regression.RulAlert(30, 36))};

    final AlertTracker tracker = new AlertTracker(new PostprocessingProperties(1000, "machine_failure",
            Duration.ofSeconds(30), new PostprocessingProperties.Thresholds(null, null),
            new PostprocessingProperties.Alerting(3, 5, 3, 0.9, 10_000),
            new PostprocessingProperties.Rebuild(true, Duration.ofSeconds(10)), null), new SimpleMeterRegistry());

    @Test
    void aFallingRulRaisesOnceBelowTheLevelAndClearsOnlyAboveTheClearLevel() {
        double[] ruls = {90, 29, 60, 45, 50, 55, 29, 28, 27, 20, 12, 33, 35, 40, 41, 42};
        List<String> events = new ArrayList<>();
        List<AlertEvent> all = new ArrayList<>();
        for (int i = 0; i < ruls.length; i++) {
            for (AlertEvent e : tracker.observe(new ReadingMetadata("engine-1", T0.plusSeconds(i), null), LABELS,
                    new double[] {ruls[i]}, RULE, "engines-rul", "1")) {
                events.add(i + ":" + e.event());
                all.add(e);
            }
        }
        // the lone 29 at reading 1 raises nothing; 29, 28, 27 (readings 6-8) are 3 of the last 5 below 30;
        // 33 and 35 are between the levels (no clear); 40, 41, 42 are 3 in a row at or above 36
        assertThat(events).containsExactly("8:RAISED", "15:CLEARED");
        AlertEvent raised = all.get(0);
        assertThat(raised.mode()).isEqualTo("rul_low");
        assertThat(raised.probability()).isEqualTo(27.0); // the raising reading's RUL
        assertThat(raised.threshold()).isEqualTo(30.0);
        assertThat(raised.severity()).isEqualTo("MAJOR");
        assertThat(all.get(1).threshold()).isEqualTo(36.0);
        assertThat(all.get(1).event()).isEqualTo(AlertEventType.CLEARED);
    }

    @Test
    void aRulBelowHalfTheLevelIsCritical() {
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.addAll(tracker.observe(new ReadingMetadata("engine-2", T0.plusSeconds(i), null), LABELS,
                    new double[] {10}, RULE, "engines-rul", "1"));
        }
        assertThat(events).singleElement().extracting(AlertEvent::severity).isEqualTo("CRITICAL");
    }
}

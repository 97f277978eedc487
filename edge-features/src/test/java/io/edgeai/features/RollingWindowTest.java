package io.edgeai.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rolling features of run-to-failure models: mean, std and slope over a device's last k readings, the same
 * whether the trainer feeds a group's CSV rows or preprocessing feeds a device's live readings one at a time.
 */
class RollingWindowTest {

    private static final FeatureSpec SPEC = new FeatureSpec(
            List.of(new FeatureSpec.SensorSpec("temp", "K", 0, 1000, null)), List.of(), List.of(),
            new FeatureSpec.WindowSpec(4, List.of("temp"), List.of("mean", "std", "slope")), null);

    @Test
    void statisticsCoverOnlyTheLastKReadings() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        RollingWindow window = encoder.newWindow();
        double[] last = null;
        for (double v : new double[] {100, 100, 1, 2, 3, 4}) {
            last = encoder.raw(Map.of("temp", v), Map.of(), window);
        }
        // the last 4: 1, 2, 3, 4 (the two 100s have left the window)
        assertThat(encoder.spec().featureNames()).containsExactly("temp", "temp_mean", "temp_std", "temp_slope");
        assertThat(last[1]).isCloseTo(2.5, within(1e-9));
        assertThat(last[2]).isCloseTo(Math.sqrt(1.25), within(1e-9));
        assertThat(last[3]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aNewDeviceStartsWithAPartialWindowAsATrainingGroupDoes() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        RollingWindow window = encoder.newWindow();
        double[] first = encoder.raw(Map.of("temp", 10.0), Map.of(), window);
        double[] second = encoder.raw(Map.of("temp", 14.0), Map.of(), window);
        assertThat(first[1]).isEqualTo(10.0);
        assertThat(first[3]).isEqualTo(0.0); // one reading has no slope
        assertThat(second[3]).isCloseTo(4.0, within(1e-9));
        assertThat(window.count()).isEqualTo(2);
    }

    @Test
    void interleavedDevicesKeepTheirOwnWindows() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        RollingWindow a = encoder.newWindow();
        RollingWindow b = encoder.newWindow();
        RollingWindow alone = encoder.newWindow();
        List<double[]> interleaved = new ArrayList<>();
        List<double[]> separate = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            interleaved.add(encoder.raw(Map.of("temp", 300.0 + i * i), Map.of(), a));
            encoder.raw(Map.of("temp", 900.0 - i), Map.of(), b);
            separate.add(encoder.raw(Map.of("temp", 300.0 + i * i), Map.of(), alone));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(interleaved.get(i)).containsExactly(separate.get(i));
        }
    }
}

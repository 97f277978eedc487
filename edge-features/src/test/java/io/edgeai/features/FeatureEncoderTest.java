package io.edgeai.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    static final FeatureSpec SPEC = new FeatureSpec(
            List.of(new FeatureSpec.SensorSpec("air_temperature", "K", 250, 350, null),
                    new FeatureSpec.SensorSpec("process_temperature", "K", 250, 400, null),
                    new FeatureSpec.SensorSpec("rotational_speed", "rpm", 0, 5000, null),
                    new FeatureSpec.SensorSpec("torque", "Nm", 0, 200, null)),
            List.of(new FeatureSpec.CategoricalSpec("machine_type", List.of("L", "M", "H"))),
            List.of(new FeatureSpec.DerivedFeature("temperature_difference", "difference",
                            List.of("process_temperature", "air_temperature"), null),
                    new FeatureSpec.DerivedFeature("power", "product", List.of("torque", "rotational_speed"),
                            2 * Math.PI / 60)),
            new FeatureSpec.WindowSpec(3, List.of("torque"), List.of("mean", "slope")),
            null);

    static Map<String, Double> reading(double torque) {
        return Map.of("air_temperature", 300.0, "process_temperature", 310.0, "rotational_speed", 1500.0,
                "torque", torque);
    }

    @Test
    void namesColumnsInModelOrder() {
        assertThat(SPEC.featureNames()).containsExactly("air_temperature", "process_temperature",
                "rotational_speed", "torque", "temperature_difference", "power", "torque_mean", "torque_slope",
                "machine_type=L", "machine_type=M", "machine_type=H");
    }

    @Test
    void computesDerivedWindowAndOneHotFeatures() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        RollingWindow window = encoder.newWindow();
        encoder.raw(reading(40), Map.of("machine_type", "M"), window);
        encoder.raw(reading(42), Map.of("machine_type", "M"), window);
        double[] x = encoder.raw(reading(44), Map.of("machine_type", "M"), window);
        assertThat(x[4]).isEqualTo(10.0, within(1e-9));
        assertThat(x[5]).isEqualTo(44 * 1500 * 2 * Math.PI / 60, within(1e-6));
        assertThat(x[6]).isEqualTo(42.0, within(1e-9));
        assertThat(x[7]).isEqualTo(2.0, within(1e-9));
        assertThat(x).endsWith(0.0, 1.0, 0.0);
    }

    @Test
    void windowForgetsReadingsOlderThanItsSize() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        RollingWindow window = encoder.newWindow();
        for (double t : new double[] {100, 10, 10, 10}) {
            encoder.raw(reading(t), Map.of(), window);
        }
        double[] x = encoder.raw(reading(10), Map.of(), window);
        assertThat(window.count()).isEqualTo(3);
        assertThat(x[6]).isEqualTo(10.0, within(1e-9));
        assertThat(x[7]).isEqualTo(0.0, within(1e-9));
    }

    @Test
    void fitsAndAppliesNormalisation() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        List<double[]> rows = List.of(encoder.raw(reading(30), Map.of("machine_type", "L"), encoder.newWindow()),
                encoder.raw(reading(50), Map.of("machine_type", "H"), encoder.newWindow()));
        FeatureSpec fitted = SPEC.withNormalization(encoder.fit(rows));
        float[] x = new FeatureEncoder(fitted).normalize(rows.get(1));
        assertThat(x[3]).isEqualTo(1.0f, within(1e-6f));
        assertThat(x[0]).isEqualTo(0.0f);
        assertThat(x[10]).isEqualTo(1.0f);
    }

    @Test
    void refusesSpecsThatReferToUnknownInputs() {
        assertThatThrownBy(() -> new FeatureEncoder(new FeatureSpec(List.of(), null,
                List.of(new FeatureSpec.DerivedFeature("d", "sum", List.of("a", "b"), null)), null, null)))
                .hasMessageContaining("unknown sensor a");
    }

    @Test
    void convertsCommonUnits() {
        assertThat(Units.convert(25, "°C", "K")).isEqualTo(298.15, within(1e-9));
        assertThat(Units.convert(77, "degF", "K")).isEqualTo(298.15, within(1e-9));
        assertThat(Units.convert(1, "kNm", "Nm")).isEqualTo(1000, within(1e-9));
        assertThat(Units.convert(120, "s", "min")).isEqualTo(2, within(1e-9));
        assertThatThrownBy(() -> Units.convert(1, "K", "rpm")).hasMessageContaining("cannot convert");
        assertThatThrownBy(() -> Units.convert(1, "furlong", "K")).hasMessageContaining("unknown unit");
    }

    @Test
    void refusesNormalisationOfTheWrongWidth() {
        FeatureSpec bad = SPEC.withNormalization(new FeatureSpec.Normalization(new double[] {0}, new double[] {1}));
        assertThatThrownBy(() -> new FeatureEncoder(bad)).hasMessageContaining("needs 11 means");
    }
}

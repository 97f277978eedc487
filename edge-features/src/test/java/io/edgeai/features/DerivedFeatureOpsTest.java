package io.edgeai.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import io.edgeai.features.FeatureSpec.DerivedFeature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-input and min/max derived ops, and derived features that read earlier derived features. */
class DerivedFeatureOpsTest {

    static final List<FeatureSpec.SensorSpec> SENSORS = List.of(
            new FeatureSpec.SensorSpec("air_temperature", "K", 250, 350, null),
            new FeatureSpec.SensorSpec("process_temperature", "K", 250, 400, null),
            new FeatureSpec.SensorSpec("rotational_speed", "rpm", 0, 5000, null),
            new FeatureSpec.SensorSpec("torque", "Nm", 0, 200, null),
            new FeatureSpec.SensorSpec("tool_wear", "min", 0, 500, null));

    static final List<FeatureSpec.CategoricalSpec> TYPES =
            List.of(new FeatureSpec.CategoricalSpec("machine_type", List.of("L", "M", "H")));

    static final FeatureSpec SPEC = new FeatureSpec(SENSORS, TYPES, List.of(
            new DerivedFeature("temperature_difference", "difference",
                    List.of("process_temperature", "air_temperature"), null),
            new DerivedFeature("power", "product", List.of("torque", "rotational_speed"), 2 * Math.PI / 60),
            new DerivedFeature("wear_torque", "product", List.of("tool_wear", "torque"), null),
            DerivedFeature.scaleByCategory("overstrain_ratio", "wear_torque", "machine_type",
                    Map.of("L", 1 / 11000.0, "M", 1 / 12000.0, "H", 1 / 13000.0)),
            DerivedFeature.affine("heat_margin_temperature", "temperature_difference", -1, 8.6),
            DerivedFeature.affine("heat_margin_speed", "rotational_speed", -0.01, 13.8),
            new DerivedFeature("heat_margin", "min", List.of("heat_margin_temperature", "heat_margin_speed"), null),
            DerivedFeature.absDiffConstant("power_band_distance", "power", 6250, 1 / 2750.0),
            DerivedFeature.hinge("wear_over_200", "tool_wear", 200, null),
            new DerivedFeature("hottest", "max", List.of("air_temperature", "process_temperature"), null)),
            null, null);

    static Map<String, Double> reading(double air, double process, double rpm, double torque, double wear) {
        return Map.of("air_temperature", air, "process_temperature", process, "rotational_speed", rpm,
                "torque", torque, "tool_wear", wear);
    }

    @Test
    void computesOneInputOpsAndChainsInListOrder() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        double[] x = encoder.raw(reading(302, 310, 1300, 50, 230), Map.of("machine_type", "L"), null);
        List<String> names = SPEC.featureNames();
        assertThat(x[names.indexOf("wear_torque")]).isEqualTo(11500, within(1e-9));
        assertThat(x[names.indexOf("overstrain_ratio")]).isEqualTo(11500 / 11000.0, within(1e-9));
        assertThat(x[names.indexOf("heat_margin_temperature")]).isEqualTo(0.6, within(1e-9));
        assertThat(x[names.indexOf("heat_margin_speed")]).isEqualTo(0.8, within(1e-9));
        assertThat(x[names.indexOf("heat_margin")]).isEqualTo(0.6, within(1e-9));
        double power = 50 * 1300 * 2 * Math.PI / 60;
        assertThat(x[names.indexOf("power_band_distance")]).isEqualTo(Math.abs(power - 6250) / 2750, within(1e-9));
        assertThat(x[names.indexOf("wear_over_200")]).isEqualTo(30, within(1e-9));
        assertThat(x[names.indexOf("hottest")]).isEqualTo(310, within(1e-9));
        assertThat(encoder.raw(reading(302, 310, 1300, 50, 150), Map.of(), null)[names.indexOf("wear_over_200")])
                .isZero();
    }

    @Test
    void categoryPicksTheFactorAndUnknownValuesUseTheMeanOrTheDefault() {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        int col = SPEC.featureNames().indexOf("overstrain_ratio");
        assertThat(encoder.raw(reading(300, 310, 1500, 40, 300), Map.of("machine_type", "H"), null)[col])
                .isEqualTo(12000 / 13000.0, within(1e-9));
        double mean = (1 / 11000.0 + 1 / 12000.0 + 1 / 13000.0) / 3;
        assertThat(encoder.raw(reading(300, 310, 1500, 40, 300), Map.of("machine_type", "X"), null)[col])
                .isEqualTo(12000 * mean, within(1e-9));
        assertThat(encoder.raw(reading(300, 310, 1500, 40, 300), null, null)[col])
                .isEqualTo(12000 * mean, within(1e-9));
        DerivedFeature withDefault = new DerivedFeature("r", "scale_by_category", List.of("torque"), null, null,
                null, "machine_type", Map.of("L", 2.0), 5.0);
        FeatureEncoder e2 = new FeatureEncoder(new FeatureSpec(SENSORS, TYPES, List.of(withDefault), null, null));
        assertThat(e2.raw(reading(300, 310, 1500, 40, 3), Map.of("machine_type", "M"), null)[5]).isEqualTo(200.0);
        assertThat(e2.raw(reading(300, 310, 1500, 40, 3), Map.of("machine_type", "L"), null)[5]).isEqualTo(80.0);
    }

    @Test
    void refusesForwardReferencesUnknownInputsAndBadArity() {
        assertThatThrownBy(() -> new FeatureEncoder(new FeatureSpec(SENSORS, TYPES, List.of(
                DerivedFeature.affine("a", "b", 1, 0),
                new DerivedFeature("b", "difference", List.of("torque", "tool_wear"), null)), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a uses unknown sensor b");
        assertThatThrownBy(() -> new FeatureEncoder(new FeatureSpec(SENSORS, TYPES, List.of(
                DerivedFeature.affine("a", "a", 1, 0)), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeatureEncoder(new FeatureSpec(SENSORS, TYPES, List.of(
                DerivedFeature.scaleByCategory("a", "torque", "colour", Map.of("L", 1.0))), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> new DerivedFeature("a", "affine", List.of("torque", "tool_wear"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one input");
        assertThatThrownBy(() -> new DerivedFeature("a", "min", List.of("torque"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two inputs");
        assertThatThrownBy(() -> new DerivedFeature("a", "hinge", List.of("torque"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("constant");
        assertThatThrownBy(() -> new FeatureEncoder(new FeatureSpec(SENSORS, TYPES, List.of(
                DerivedFeature.affine("torque", "tool_wear", 1, 0)), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
    }

    @Test
    void jsonRoundTripKeepsNewFieldsAndOldJsonStillReads() throws Exception {
        // inference-service writes model.json in snake_case; preprocessing-service reads the spec with defaults
        JsonMapper snake = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        JsonMapper json = JsonMapper.builder().build();
        DerivedFeature withDefault = new DerivedFeature("r", "scale_by_category", List.of("torque"), null, null,
                null, "machine_type", Map.of("L", 2.0), 5.0);
        assertThat(snake.writeValueAsString(withDefault)).contains("\"default_factor\":5.0");
        assertThat(json.readValue(snake.writeValueAsString(withDefault), DerivedFeature.class)).isEqualTo(withDefault);
        String text = snake.writeValueAsString(SPEC);
        FeatureSpec back = json.readValue(text, FeatureSpec.class);
        assertThat(back.derived()).isEqualTo(SPEC.derived());
        // an old two-input feature writes no new keys
        assertThat(json.writeValueAsString(SPEC.derived().get(0)))
                .isEqualTo("{\"name\":\"temperature_difference\",\"op\":\"difference\","
                        + "\"inputs\":[\"process_temperature\",\"air_temperature\"]}");
        DerivedFeature old = json.readValue("{\"name\":\"p\",\"op\":\"product\",\"inputs\":[\"torque\",\"tool_wear\"],"
                + "\"scale\":2}", DerivedFeature.class);
        assertThat(old).isEqualTo(new DerivedFeature("p", "product", List.of("torque", "tool_wear"), 2.0));
        double[] a = new FeatureEncoder(SPEC).raw(reading(301, 309.5, 1400, 45, 120), Map.of("machine_type", "M"), null);
        double[] b = new FeatureEncoder(back).raw(reading(301, 309.5, 1400, 45, 120), Map.of("machine_type", "M"), null);
        assertThat(b).containsExactly(a);
    }
}

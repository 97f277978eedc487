package io.edgeai.inference.training;

import io.edgeai.features.FeatureSpec;
import io.edgeai.features.FeatureSpec.CategoricalSpec;
import io.edgeai.features.FeatureSpec.DerivedFeature;
import io.edgeai.features.FeatureSpec.SensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature spec of {@code ai4i-failure}. The derived features are the quantities the AI4I failure rules are
 * written in: heat dissipation fails on a small process-air temperature difference at low speed, power failure on
 * mechanical power outside a band, overstrain on tool wear x torque above a limit that depends on the machine type.
 * The spec also writes those rules as features that cross a single threshold where the rule fires, so that a small
 * network learns them from a few dozen positives: {@code overstrain_ratio} = wear x torque / the machine type's
 * limit (above 1), {@code heat_margin} = min(8.6 K - temperature difference, (1380 rpm - speed) / 100) (above 0) and
 * {@code power_band_distance} = |power - 6250 W| / 2750 W (above 1, i.e. outside 3500-9000 W).
 * No rolling window: AI4I rows are independent readings.
 */
public final class Ai4iFeatures {

    /** Tool wear x torque (min·Nm) at which a tool overstrains, per machine type (AI4I: 11,000 / 12,000 / 13,000). */
    static final Map<String, Double> OVERSTRAIN_FACTORS = orderedFactors();

    private static Map<String, Double> orderedFactors() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("L", 1 / 11_000.0);
        f.put("M", 1 / 12_000.0);
        f.put("H", 1 / 13_000.0);
        return f;
    }

    private Ai4iFeatures() {
    }

    public static FeatureSpec spec() {
        return new FeatureSpec(
                List.of(
                        new SensorSpec("air_temperature", "K", 250, 350, "ambient air temperature"),
                        new SensorSpec("process_temperature", "K", 250, 400, "process temperature"),
                        new SensorSpec("rotational_speed", "rpm", 0, 5000, "spindle rotational speed"),
                        new SensorSpec("torque", "Nm", 0, 200, "spindle torque"),
                        new SensorSpec("tool_wear", "min", 0, 500, "minutes the current tool has been in use")),
                List.of(new CategoricalSpec("machine_type", List.of("L", "M", "H"))),
                List.of(
                        new DerivedFeature("temperature_difference", "difference",
                                List.of("process_temperature", "air_temperature"), null),
                        new DerivedFeature("mechanical_power", "product", List.of("torque", "rotational_speed"),
                                2 * Math.PI / 60),
                        new DerivedFeature("wear_torque", "product", List.of("tool_wear", "torque"), null),
                        // the rules as single thresholds: overstrain above 1, heat dissipation above 0, power above 1
                        DerivedFeature.scaleByCategory("overstrain_ratio", "wear_torque", "machine_type",
                                OVERSTRAIN_FACTORS),
                        DerivedFeature.affine("heat_margin_temperature", "temperature_difference", -1, 8.6),
                        DerivedFeature.affine("heat_margin_speed", "rotational_speed", -0.01, 13.8),
                        new DerivedFeature("heat_margin", "min",
                                List.of("heat_margin_temperature", "heat_margin_speed"), null),
                        DerivedFeature.absDiffConstant("power_band_distance", "mechanical_power", 6250,
                                1 / 2750.0),
                        // how far past each rule's threshold: 0 on the safe side, so the boundary is a kink
                        DerivedFeature.hinge("overstrain_excess", "overstrain_ratio", 1, null),
                        DerivedFeature.hinge("heat_excess", "heat_margin", 0, null),
                        DerivedFeature.hinge("power_excess", "power_band_distance", 1, null)),
                null,
                null);
    }
}

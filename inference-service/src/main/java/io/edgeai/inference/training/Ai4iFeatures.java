package io.edgeai.inference.training;

import io.edgeai.features.FeatureSpec;
import io.edgeai.features.FeatureSpec.CategoricalSpec;
import io.edgeai.features.FeatureSpec.DerivedFeature;
import io.edgeai.features.FeatureSpec.SensorSpec;
import java.util.List;

/**
 * The feature spec of {@code ai4i-failure}. The derived features are the quantities the AI4I failure rules are
 * written in: heat dissipation fails on a small process-air temperature difference at low speed, power failure on
 * mechanical power outside a band, overstrain on tool wear x torque above a limit that depends on the machine type.
 * No rolling window: AI4I rows are independent readings.
 */
public final class Ai4iFeatures {

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
                        new DerivedFeature("wear_torque", "product", List.of("tool_wear", "torque"), null)),
                null,
                null);
    }
}

package io.edgeai.preprocessing;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Feature specs and model.json files shaped like the trainer writes them. */
public final class Fixtures {

    /** The first AI4I 2020 rows: type, air K, process K, rpm, torque Nm, tool wear min. */
    public static final Object[][] AI4I_ROWS = {
            {"M", 298.1, 308.6, 1551.0, 42.8, 0.0}, {"L", 298.2, 308.7, 1408.0, 46.3, 3.0},
            {"L", 298.1, 308.5, 1498.0, 49.4, 5.0}, {"L", 298.2, 308.6, 1433.0, 39.5, 7.0},
            {"L", 298.2, 308.7, 1408.0, 40.0, 9.0}, {"M", 298.1, 308.6, 1425.0, 41.9, 11.0},
            {"L", 298.1, 308.6, 1558.0, 42.4, 14.0}, {"L", 298.1, 308.6, 1527.0, 40.2, 16.0},
            {"M", 298.3, 308.7, 1667.0, 28.6, 18.0}, {"M", 298.5, 309.0, 1741.0, 28.0, 21.0},
            {"H", 298.4, 308.9, 1782.0, 23.9, 24.0}, {"H", 298.6, 309.1, 1423.0, 44.3, 29.0}};

    public static final List<String> SENSORS = List.of("air_temperature", "process_temperature", "rotational_speed",
            "torque", "tool_wear");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** The ai4i-failure spec before fitting: five sensors, three derived features, machine type, no window. */
    public static FeatureSpec ai4iSpec() {
        return new FeatureSpec(
                List.of(new FeatureSpec.SensorSpec("air_temperature", "K", 250, 350, "air temperature"),
                        new FeatureSpec.SensorSpec("process_temperature", "K", 250, 400, "process temperature"),
                        new FeatureSpec.SensorSpec("rotational_speed", "rpm", 0, 4000, "spindle speed"),
                        new FeatureSpec.SensorSpec("torque", "Nm", 0, 150, "torque"),
                        new FeatureSpec.SensorSpec("tool_wear", "min", 0, 400, "tool wear")),
                List.of(new FeatureSpec.CategoricalSpec("machine_type", List.of("L", "M", "H"))),
                List.of(new FeatureSpec.DerivedFeature("temperature_difference", "difference",
                                List.of("process_temperature", "air_temperature"), null),
                        new FeatureSpec.DerivedFeature("mechanical_power", "product", List.of("torque", "rotational_speed"),
                                2 * Math.PI / 60),
                        new FeatureSpec.DerivedFeature("wear_torque", "product", List.of("tool_wear", "torque"),
                                null)),
                null, null);
    }

    public static Map<String, Double> sensors(Object[] row) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < SENSORS.size(); i++) {
            m.put(SENSORS.get(i), (Double) row[i + 1]);
        }
        return m;
    }

    /** What the trainer does: raw vectors of every row, then fit normalisation on them. */
    public static FeatureSpec fittedAi4iSpec() {
        FeatureEncoder encoder = new FeatureEncoder(ai4iSpec());
        List<double[]> raw = new ArrayList<>();
        for (Object[] row : AI4I_ROWS) {
            raw.add(encoder.raw(sensors(row), Map.of("machine_type", (String) row[0]), null));
        }
        return ai4iSpec().withNormalization(encoder.fit(raw));
    }

    /** A spec with a per-device window over torque, not normalised, so window statistics read plainly. */
    public static FeatureSpec windowedSpec() {
        return new FeatureSpec(
                List.of(new FeatureSpec.SensorSpec("torque", "Nm", 0, 150, null)),
                List.of(), List.of(),
                new FeatureSpec.WindowSpec(3, List.of("torque"), List.of("mean", "std", "slope")), null);
    }

    /** A model.json as inference-service serves it. */
    public static String modelJson(String name, String version, FeatureSpec spec) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("version", Integer.parseInt(version)); // inference-service writes a number
        json.put("platform", "djl");
        json.put("inputs", List.of(Map.of("name", "features", "datatype", "FP32",
                "shape", List.of(-1, spec.featureCount()))));
        json.put("outputs", List.of(Map.of("name", "probabilities", "datatype", "FP32", "shape", List.of(-1, 6))));
        json.put("labels", List.of("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF"));
        json.put("feature_spec", spec);
        json.put("evaluation", Map.of("f1", 0.9));
        return JSON.writeValueAsString(json);
    }
}

package io.edgeai.preprocessing.validation;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Reading;
import io.edgeai.features.FeatureSpec;
import io.edgeai.features.Units;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks readings against a model's feature spec and converts their units; reports every bad field with its index.
 *
 * <p>Rules: device id present and not too long; timestamp present and not further in the future than the allowed
 * clock skew; machine type one of the spec's values (when the spec has that categorical); every spec sensor present,
 * no unknown sensor; values finite; units known and convertible to the spec unit; the converted value inside the
 * sensor's physical range; no two readings of one device with the same timestamp in a batch.
 */
@Component
public class ReadingValidator {

    private final PreprocessingProperties properties;
    private final Clock clock;

    @Autowired
    public ReadingValidator(PreprocessingProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public ReadingValidator(PreprocessingProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Validates a batch; {@code path} names reading {@code i} in the request (e.g. {@code readings[3]}).
     */
    public CheckedBatch validate(List<Reading> readings, FeatureSpec spec, IntFunction<String> path) {
        List<FieldViolation> violations = new ArrayList<>();
        List<CheckedReading> checked = new ArrayList<>(readings.size());
        Map<String, Integer> seen = new HashMap<>();
        Instant latest = clock.instant().plus(properties.maxClockSkew());
        FeatureSpec.CategoricalSpec machineType = spec.categorical(properties.machineTypeCategorical());
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            int before = violations.size();
            if (r == null) {
                violations.add(new FieldViolation(path.apply(i), "must be a reading, was null"));
                continue;
            }
            String at = path.apply(i);
            checkDevice(r, at, violations);
            checkTimestamp(r, at, latest, violations);
            if (machineType != null && (r.machineType() == null || !machineType.values().contains(r.machineType()))) {
                violations.add(new FieldViolation(at + ".machineType", "must be one of " + machineType.values()
                        + (r.machineType() == null ? "" : ", was '" + r.machineType() + "'")));
            }
            Map<String, Double> values = checkSensors(r, spec, at, violations);
            if (r.deviceId() != null && r.timestamp() != null) {
                Integer first = seen.putIfAbsent(r.deviceId() + '\u0000' + r.timestamp(), i);
                if (first != null) {
                    violations.add(new FieldViolation(at, "duplicates " + path.apply(first)
                            + ": same deviceId and timestamp"));
                }
            }
            if (violations.size() == before) {
                Map<String, String> categoricals = machineType == null ? Map.of()
                        : Map.of(machineType.name(), r.machineType());
                checked.add(new CheckedReading(r.deviceId(), r.timestamp(), r.machineType(), values, categoricals));
            }
        }
        return new CheckedBatch(violations.isEmpty() ? checked : List.of(), violations);
    }

    private void checkDevice(Reading r, String at, List<FieldViolation> violations) {
        if (r.deviceId() == null || r.deviceId().isBlank()) {
            violations.add(new FieldViolation(at + ".deviceId", "must not be empty"));
        } else if (r.deviceId().length() > properties.maxDeviceIdLength()) {
            violations.add(new FieldViolation(at + ".deviceId",
                    "must be at most " + properties.maxDeviceIdLength() + " characters, was "
                            + r.deviceId().length()));
        }
    }

    private void checkTimestamp(Reading r, String at, Instant latest, List<FieldViolation> violations) {
        if (r.timestamp() == null) {
            violations.add(new FieldViolation(at + ".timestamp", "must be an ISO-8601 instant"));
        } else if (r.timestamp().isAfter(latest)) {
            violations.add(new FieldViolation(at + ".timestamp", "is more than " + properties.maxClockSkew()
                    + " in the future (" + r.timestamp() + ")"));
        }
    }

    private Map<String, Double> checkSensors(Reading r, FeatureSpec spec, String at, List<FieldViolation> violations) {
        Map<String, Reading.Measurement> sensors = r.sensors() == null ? Map.of() : r.sensors();
        Map<String, Double> values = new HashMap<>(spec.sensors().size() * 2);
        for (Map.Entry<String, Reading.Measurement> e : sensors.entrySet()) {
            if (spec.sensor(e.getKey()) == null) {
                violations.add(new FieldViolation(at + ".sensors." + e.getKey(),
                        "is not a sensor of this model; expected " + sensorNames(spec)));
            }
        }
        for (FeatureSpec.SensorSpec s : spec.sensors()) {
            String field = at + ".sensors." + s.name();
            Reading.Measurement m = sensors.get(s.name());
            if (m == null) {
                violations.add(new FieldViolation(field, sensors.containsKey(s.name())
                        ? "must be a measurement {value, unit}, was null" : "is missing"));
                continue;
            }
            Double v = m.value();
            if (v == null || v.isNaN() || v.isInfinite()) {
                violations.add(new FieldViolation(field + ".value", "must be a finite number, was " + v));
                continue;
            }
            double converted;
            try {
                converted = m.unit() == null ? v : Units.convert(v, m.unit(), s.unit());
            } catch (IllegalArgumentException ex) {
                violations.add(new FieldViolation(field + ".unit", ex.getMessage() + " (expected " + s.unit() + ")"));
                continue;
            }
            if (s.min() < s.max() && (converted < s.min() || converted > s.max())) {
                violations.add(new FieldViolation(field + ".value", "must be within [" + s.min() + ", " + s.max()
                        + "] " + s.unit() + ", was " + converted + " " + s.unit()));
                continue;
            }
            values.put(s.name(), converted);
        }
        return values;
    }

    private static List<String> sensorNames(FeatureSpec spec) {
        return spec.sensors().stream().map(FeatureSpec.SensorSpec::name).toList();
    }
}

package io.edgeai.preprocessing.validation;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks the shape of a batch of readings and reports every bad field, with its index in the batch. */
@Component
public class ReadingValidator {

    static final int MAX_DEVICE_ID_LENGTH = 64;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public ReadingValidator() {
        this(Clock.systemUTC());
    }

    ReadingValidator(Clock clock) {
        this.clock = clock;
    }

    public List<FieldViolation> validate(List<Reading> readings) {
        List<FieldViolation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        for (int i = 0; i < readings.size(); i++) {
            String at = "readings[" + i + "]";
            Reading r = readings.get(i);
            if (r == null) {
                violations.add(new FieldViolation(at, "must not be null"));
                continue;
            }
            if (r.deviceId() == null || r.deviceId().isBlank()) {
                violations.add(new FieldViolation(at + ".deviceId", "must not be empty"));
            } else if (r.deviceId().length() > MAX_DEVICE_ID_LENGTH) {
                violations.add(new FieldViolation(at + ".deviceId",
                        "must be at most " + MAX_DEVICE_ID_LENGTH + " characters"));
            }
            if (r.timestamp() == null) {
                violations.add(new FieldViolation(at + ".timestamp", "must be an ISO-8601 instant"));
            } else if (r.timestamp().isAfter(latest)) {
                violations.add(new FieldViolation(at + ".timestamp",
                        "is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
            }
            if (r.sensors() == null || r.sensors().isEmpty()) {
                violations.add(new FieldViolation(at + ".sensors", "must list at least one sensor"));
            } else {
                for (Map.Entry<String, Reading.Measurement> e : r.sensors().entrySet()) {
                    Double v = e.getValue() == null ? null : e.getValue().value();
                    if (v == null || v.isNaN() || v.isInfinite()) {
                        violations.add(new FieldViolation(at + ".sensors." + e.getKey(), "must be a finite number"));
                    }
                }
            }
            if (r.deviceId() != null && r.timestamp() != null && !seen.add(r.deviceId() + "@" + r.timestamp())) {
                violations.add(new FieldViolation(at, "duplicates an earlier reading of " + r.deviceId()
                        + " at " + r.timestamp()));
            }
        }
        return violations;
    }
}

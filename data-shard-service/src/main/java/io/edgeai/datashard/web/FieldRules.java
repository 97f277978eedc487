package io.edgeai.datashard.web;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.web.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** Collects field violations with the suite's common rules, so a request is refused with every problem at once. */
public final class FieldRules {

    /** Device, batch and alert ids: letters, digits and {@code . _ : -}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");
    /** Longest alert id. */
    public static final int MAX_ALERT_ID = 200;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final List<FieldViolation> violations = new ArrayList<>();

    public List<FieldViolation> violations() {
        return violations;
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public void add(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    /** A required id of at most {@code max} characters from {@link #ID}. */
    public boolean id(String field, String value, int max) {
        if (!text(field, value, max)) {
            return false;
        }
        if (!ID.matcher(value).matches()) {
            add(field, "may contain only letters, digits and . _ : -");
            return false;
        }
        return true;
    }

    /** A device id as the whole suite defines it ({@link DeviceIds}). */
    public boolean deviceId(String field, String value) {
        String problem = DeviceIds.problem(value);
        if (problem != null) {
            add(field, problem);
            return false;
        }
        return true;
    }

    /**
     * An alert id: post-processing builds it from device, failure mode and time, so it is wider than {@link #ID};
     * it travels in URL paths, hence no slashes.
     */
    public boolean alertId(String field, String value) {
        if (!text(field, value, MAX_ALERT_ID)) {
            return false;
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            add(field, "must not contain / or \\");
            return false;
        }
        return true;
    }

    /** A required non-blank text of at most {@code max} characters. */
    public boolean text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return false;
        }
        return optionalText(field, value, max);
    }

    /** An optional text of at most {@code max} characters without control characters. */
    public boolean optionalText(String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            add(field, "must be at most " + max + " characters");
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                add(field, "must not contain control characters");
                return false;
            }
        }
        return true;
    }

    /** A required timestamp between 1970 and 2200. */
    public boolean time(String field, Instant value) {
        if (value == null) {
            add(field, "is required (ISO-8601, e.g. 2026-11-28T10:15:30Z)");
            return false;
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            add(field, "must be between 1970 and 2200");
            return false;
        }
        return true;
    }

    /** Throws {@link InvalidRequestException} (400) when anything was collected. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, violations);
        }
    }
}

package io.edgeai.contracts;

/**
 * One reason a request was refused, naming the field as a JSON path (e.g. {@code readings[3].sensors.torque}).
 *
 * <p>Carried in the {@code errors} member of every RFC 9457 problem+json answer of the suite's own APIs.
 */
public record FieldViolation(String field, String message) {
}

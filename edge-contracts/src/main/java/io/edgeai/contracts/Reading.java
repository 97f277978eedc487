package io.edgeai.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * One raw reading from a machine, as a factory sends it.
 *
 * @param deviceId    the machine's id (1..64 characters)
 * @param timestamp   when it was measured (ISO-8601)
 * @param machineType the product quality / machine variant the model knows (for AI4I: L, M or H)
 * @param sensors     sensor name to measurement, names as the model's feature spec lists them
 */
public record Reading(String deviceId, Instant timestamp, String machineType, Map<String, Measurement> sensors) {

    /** A measured value and its unit; a null unit means the unit the feature spec expects. */
    public record Measurement(Double value, String unit) {
    }
}

package io.edgeai.preprocessing.validation;

import java.time.Instant;
import java.util.Map;

/**
 * A reading that passed validation, its sensor values converted to the units of the feature spec.
 *
 * @param deviceId     the machine's id
 * @param timestamp    when it was measured
 * @param machineType  the machine variant as sent
 * @param sensors      sensor name to value in spec units
 * @param categoricals categorical name to value
 */
public record CheckedReading(String deviceId, Instant timestamp, String machineType, Map<String, Double> sensors,
                             Map<String, String> categoricals) {
}

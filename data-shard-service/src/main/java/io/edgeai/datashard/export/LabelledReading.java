package io.edgeai.datashard.export;

import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.Map;

/**
 * A reading with the label an operator gave it, one row of the export.
 *
 * @param source    {@code feedback} or {@code alert}
 * @param reference the feedback id or alert id the label comes from
 */
public record LabelledReading(String deviceId, Instant timestamp, String machineType,
                              Map<String, Reading.Measurement> sensors, String failureMode, String source,
                              String reference) {
}

package io.edgeai.postprocessing.decision;

import java.time.Instant;

/**
 * Who a probability row belongs to (preprocessing's {@code readings} echo, passed through).
 *
 * @param deviceId    the machine
 * @param timestamp   when the reading was measured
 * @param machineType machine variant; selects per-machine-type thresholds
 */
public record ReadingMetadata(String deviceId, Instant timestamp, String machineType) {
}

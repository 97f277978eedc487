package io.edgeai.contracts;

import java.time.Instant;

/**
 * Who a row of features, a probability row and a decision belong to: preprocessing echoes it per encoded reading,
 * the gateway passes it to postprocessing unchanged, and it keys the stored prediction.
 *
 * @param deviceId    the machine
 * @param timestamp   when the reading was measured
 * @param machineType machine variant (selects per-machine-type thresholds); may be null
 */
public record ReadingMetadata(String deviceId, Instant timestamp, String machineType) {
}

package io.edgeai.contracts.decision;

import java.time.Instant;
import java.util.Map;

/**
 * The decision for one reading.
 *
 * @param index                 row in the request
 * @param deviceId              the machine
 * @param timestamp             when it was measured
 * @param status                what the reading means for its machine
 * @param probabilities         probability per label, in label order
 * @param mostLikelyMode        the most probable failure mode
 * @param mostLikelyProbability its probability
 */
public record ReadingDecision(int index, String deviceId, Instant timestamp, Status status,
                              Map<String, Double> probabilities, String mostLikelyMode,
                              Double mostLikelyProbability) {
}

package io.edgeai.postprocessing.decision;

import io.edgeai.postprocessing.alerting.AlertEvent;
import java.util.List;

/**
 * Decisions per reading and the alert events they caused.
 *
 * @param modelName    the model
 * @param modelVersion its version
 * @param decisions    one per reading, in request order
 * @param alerts       alerts RAISED or CLEARED by this batch, in order
 */
public record DecisionResponse(String modelName, String modelVersion, List<ReadingDecision> decisions,
                               List<AlertEvent> alerts) {
}

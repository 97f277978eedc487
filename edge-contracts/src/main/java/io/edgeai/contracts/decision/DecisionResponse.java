package io.edgeai.contracts.decision;

import io.edgeai.contracts.alert.AlertEvent;
import java.util.List;

/**
 * The decisions hop's answer: a decision per reading and the alert events they caused.
 *
 * @param modelName    the model
 * @param modelVersion its version
 * @param decisions    one per reading, in request order
 * @param alerts       alerts RAISED or CLEARED by this batch, in order
 */
public record DecisionResponse(String modelName, String modelVersion, List<ReadingDecision> decisions,
                               List<AlertEvent> alerts) {

    public DecisionResponse {
        decisions = decisions == null ? List.of() : decisions;
        alerts = alerts == null ? List.of() : alerts;
    }
}

package io.edgeai.postprocessing.alerting;

import java.time.Instant;

/**
 * An alert of one device and failure mode being raised or cleared.
 *
 * @param alertId      stable id of the alert ({@code deviceId:mode:raisedAt}), the same on RAISED and CLEARED
 * @param deviceId     the machine
 * @param mode         the label (failure mode) the alert is about
 * @param event        RAISED or CLEARED
 * @param severity     MAJOR or CRITICAL (a CLEARED event repeats the severity of the alert it closes)
 * @param probability  the probability of the reading that caused the event
 * @param threshold    the threshold crossed: high for RAISED, low for CLEARED
 * @param timestamp    the reading's timestamp
 * @param raisedAt     when the alert was raised (reading time)
 * @param machineType  the machine variant
 * @param modelName    the model
 * @param modelVersion its version
 */
public record AlertEvent(String alertId, String deviceId, String mode, AlertEventType event, Severity severity,
                         double probability, double threshold, Instant timestamp, Instant raisedAt,
                         String machineType, String modelName, String modelVersion) {
}

package io.edgeai.contracts.alert;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgeai.contracts.explain.Explanation;
import java.time.Instant;

/**
 * An alert of one device and failure mode being raised or cleared: the one shape postprocessing decides, the
 * pipeline answers with, the storage batch carries and data-shard stores.
 *
 * <p>Storage batches written before this record existed named {@code event} {@code type} and {@code mode}
 * {@code failureMode}; both spellings are read, so batches still in a gateway's spool are delivered after an upgrade.
 *
 * @param alertId      stable id of the alert ({@code deviceId:mode:raisedAt}), the same on RAISED and CLEARED
 * @param deviceId     the machine
 * @param mode         the label (failure mode) the alert is about
 * @param event        RAISED or CLEARED
 * @param severity     how urgent: postprocessing says MAJOR or CRITICAL (a CLEARED event repeats the severity of
 *                     the alert it closes); other writers of data-shard may use their own words
 * @param probability  the probability of the reading that caused the event
 * @param threshold    the threshold crossed: high for RAISED, low for CLEARED
 * @param timestamp    the reading's timestamp
 * @param raisedAt     when the alert was raised (reading time)
 * @param machineType  the machine variant
 * @param modelName    the model
 * @param modelVersion its version
 * @param explanation  why the model scored the raising reading as it did for {@code mode} (RAISED events the
 *                     pipeline explained; null otherwise and in batches written before explanations existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(String alertId, String deviceId, @JsonAlias("failureMode") String mode,
                         @JsonAlias("type") AlertEventType event, String severity, Double probability,
                         Double threshold, Instant timestamp, Instant raisedAt, String machineType, String modelName,
                         String modelVersion, Explanation explanation) {

    /** An event without an explanation (postprocessing decides events; the pipeline explains them afterwards). */
    public AlertEvent(String alertId, String deviceId, String mode, AlertEventType event, String severity,
                      Double probability, Double threshold, Instant timestamp, Instant raisedAt, String machineType,
                      String modelName, String modelVersion) {
        this(alertId, deviceId, mode, event, severity, probability, threshold, timestamp, raisedAt, machineType,
                modelName, modelVersion, null);
    }

    /** The same event carrying {@code why}. */
    public AlertEvent withExplanation(Explanation why) {
        return new AlertEvent(alertId, deviceId, mode, event, severity, probability, threshold, timestamp, raisedAt,
                machineType, modelName, modelVersion, why);
    }
}

package io.edgeai.postprocessing.notification;

import io.edgeai.contracts.alert.AlertEvent;
import java.time.Instant;

/**
 * An alert event the webhook never accepted.
 *
 * @param event     the undelivered event
 * @param attempts  tries made
 * @param lastError why the last try failed
 * @param failedAt  when it was given up
 */
public record DeadLetter(AlertEvent event, int attempts, String lastError, Instant failedAt) {
}

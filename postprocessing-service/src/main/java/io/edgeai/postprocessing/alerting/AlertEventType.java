package io.edgeai.postprocessing.alerting;

/** What happened to an alert. */
public enum AlertEventType {
    RAISED, CLEARED
}

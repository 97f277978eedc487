package io.edgeai.contracts.alert;

/** What happened to an alert. */
public enum AlertEventType {
    RAISED, CLEARED
}

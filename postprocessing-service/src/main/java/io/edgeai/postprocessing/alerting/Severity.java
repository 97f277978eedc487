package io.edgeai.postprocessing.alerting;

/** How urgent an alert is: CRITICAL when the raising probability reached the critical level, else MAJOR. */
public enum Severity {
    MAJOR, CRITICAL
}

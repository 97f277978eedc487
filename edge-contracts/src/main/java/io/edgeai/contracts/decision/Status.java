package io.edgeai.contracts.decision;

/** What a reading means for its machine. */
public enum Status {
    NORMAL, WARNING, FAILURE_PREDICTED
}

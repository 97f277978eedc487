package io.edgeai.postprocessing.decision;

/** What a reading means for its machine. */
public enum Status {
    NORMAL, WARNING, FAILURE_PREDICTED
}

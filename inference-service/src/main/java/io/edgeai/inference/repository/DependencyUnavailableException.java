package io.edgeai.inference.repository;

/** A model needs another model (a classifier its encoder) that is not served now: the protocol answers 503. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message) {
        super(message, null, false, false);
    }
}

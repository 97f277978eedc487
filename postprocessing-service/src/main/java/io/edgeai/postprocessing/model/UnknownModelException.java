package io.edgeai.postprocessing.model;

/** Inference-service does not know the model or version (404). */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String message) {
        super(message);
    }
}

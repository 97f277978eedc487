package io.edgeai.preprocessing.spec;

/** Inference-service could not tell us a model's feature spec and none is cached: the caller should retry. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

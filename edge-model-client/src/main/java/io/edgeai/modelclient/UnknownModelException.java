package io.edgeai.modelclient;

/** Inference-service does not know the requested model or version (its config endpoint answered 404). */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String message) {
        super(message);
    }
}

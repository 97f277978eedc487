package io.edgeai.preprocessing.spec;

/** Inference-service does not know the requested model or version (its metadata answered 404). */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String message) {
        super(message);
    }
}

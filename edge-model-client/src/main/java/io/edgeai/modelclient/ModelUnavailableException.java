package io.edgeai.modelclient;

/** Inference-service could not tell a model's config and none is cached: the caller should retry later. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

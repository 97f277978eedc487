package io.edgeai.postprocessing.model;

/** Inference-service could not be asked for a model's config and none is cached: retry later. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

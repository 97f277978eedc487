package io.edgeai.inference.repository;

/** A model version on disk could not be loaded (bad model.json, missing or incompatible weights). */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

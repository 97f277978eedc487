package io.edgeai.inference.repository;

/** The model itself failed on inputs that passed validation: a server-side problem, not the caller's. */
public class InferenceFailedException extends RuntimeException {

    public InferenceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

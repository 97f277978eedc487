package io.edgeai.inference.repository;

/** No servable model or version of that name: the protocol answers 404. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message, null, false, false);
    }
}

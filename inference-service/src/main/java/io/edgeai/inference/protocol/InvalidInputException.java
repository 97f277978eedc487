package io.edgeai.inference.protocol;

/** The request does not fit the model (its message names the input): the protocol answers 400. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}

package io.edgeai.inference.training.core;

import org.springframework.http.HttpStatus;

/** A training or fine-tuning request that cannot be served as asked; the message names the field or row. */
public class TrainingRejectedException extends RuntimeException {

    private final HttpStatus status;

    public TrainingRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public TrainingRejectedException(String message) {
        this(HttpStatus.BAD_REQUEST, message);
    }

    public HttpStatus status() {
        return status;
    }
}

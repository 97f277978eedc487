package io.edgeai.gateway.client;

import org.springframework.http.HttpStatusCode;

/**
 * A pipeline stage did not give an answer to pass on: either it refused the input (a 4xx whose problem+json the
 * client gets unchanged) or it was unreachable or failing (the client gets 503).
 */
public class StageException extends RuntimeException {

    private final String stage;
    private final HttpStatusCode status;
    private final String body;

    private StageException(String stage, HttpStatusCode status, String body, String message, Throwable cause) {
        super(message, cause, false, false);
        this.stage = stage;
        this.status = status;
        this.body = body;
    }

    /** The stage answered 4xx: the request is at fault. */
    public static StageException rejected(String stage, HttpStatusCode status, String body) {
        return new StageException(stage, status, body, stage + " refused the request with " + status, null);
    }

    /** The stage could not be reached or failed. */
    public static StageException unavailable(String stage, String why, Throwable cause) {
        return new StageException(stage, null, null, stage + " is unavailable: " + why, cause);
    }

    public boolean isRejection() {
        return status != null;
    }

    public String stage() {
        return stage;
    }

    public HttpStatusCode status() {
        return status;
    }

    public String body() {
        return body;
    }
}

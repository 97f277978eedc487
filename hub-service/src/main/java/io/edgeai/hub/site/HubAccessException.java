package io.edgeai.hub.site;

import org.springframework.http.HttpStatus;

/** A request refused for its key: none or unknown (401), revoked or of the wrong kind (403). */
public class HubAccessException extends RuntimeException {

    private final HttpStatus status;

    public HubAccessException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}

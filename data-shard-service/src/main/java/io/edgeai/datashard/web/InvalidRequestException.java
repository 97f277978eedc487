package io.edgeai.datashard.web;

import io.edgeai.contracts.FieldViolation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request refused before anything was written; every offending field is listed. */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;

    public InvalidRequestException(HttpStatus status, List<FieldViolation> violations, Map<String, Object> properties) {
        super(violations.isEmpty() ? status.getReasonPhrase() : violations.get(0).field() + ": "
                + violations.get(0).message());
        this.status = status;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    public InvalidRequestException(List<FieldViolation> violations) {
        this(HttpStatus.BAD_REQUEST, violations, Map.of());
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldViolation(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

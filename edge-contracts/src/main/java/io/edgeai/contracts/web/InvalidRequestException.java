package io.edgeai.contracts.web;

import io.edgeai.contracts.FieldViolation;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request refused before any state changed; carries every offending field so the answer can list them all.
 * {@link ProblemAdviceBase} turns it into problem+json with its status (422 unless said otherwise).
 */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldViolation> violations;

    public InvalidRequestException(HttpStatus status, List<FieldViolation> violations) {
        super(violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " invalid fields");
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(List<FieldViolation> violations) {
        this(HttpStatus.UNPROCESSABLE_CONTENT, violations);
    }

    /** A 422 naming one field. */
    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldViolation(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

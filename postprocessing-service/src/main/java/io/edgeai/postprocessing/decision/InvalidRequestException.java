package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.FieldViolation;
import java.util.List;

/** A request broke validation rules; carries every violation. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.size() + " invalid fields");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

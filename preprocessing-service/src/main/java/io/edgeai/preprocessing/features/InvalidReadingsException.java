package io.edgeai.preprocessing.features;

import io.edgeai.contracts.FieldViolation;
import java.util.List;

/** A request broke validation rules; carries every violation so the answer can list them all. */
public class InvalidReadingsException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidReadingsException(List<FieldViolation> violations) {
        super(violations.size() + " invalid fields");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

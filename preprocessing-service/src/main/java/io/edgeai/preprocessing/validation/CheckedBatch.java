package io.edgeai.preprocessing.validation;

import io.edgeai.contracts.FieldViolation;
import java.util.List;

/**
 * The outcome of validating a batch: the converted readings when every one is valid, else every violation.
 *
 * @param readings   the readings in spec units, in request order (empty when any violation exists)
 * @param violations every bad field, each named by its JSON path with the reading's batch index
 */
public record CheckedBatch(List<CheckedReading> readings, List<FieldViolation> violations) {

    public boolean valid() {
        return violations.isEmpty();
    }
}

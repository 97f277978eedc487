package io.edgeai.preprocessing.validation;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.Reading;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Validates a batch of readings without computing features: all-or-nothing, every bad field listed. */
@RestController
@RequestMapping("/api/v1/preprocessing")
public class ValidationController {

    private final ReadingValidator validator;

    public ValidationController(ReadingValidator validator) {
        this.validator = validator;
    }

    @PostMapping("/validate")
    public ResponseEntity<?> validate(@RequestBody ReadingBatch batch) {
        List<Reading> readings = batch.readings() == null ? List.of() : batch.readings();
        if (readings.isEmpty()) {
            return ResponseEntity.unprocessableContent().body(Problems.validation(HttpStatus.UNPROCESSABLE_CONTENT,
                    List.of(new FieldViolation("readings", "must hold at least one reading"))));
        }
        List<FieldViolation> violations = validator.validate(readings);
        if (!violations.isEmpty()) {
            return ResponseEntity.unprocessableContent()
                    .body(Problems.validation(HttpStatus.UNPROCESSABLE_CONTENT, violations));
        }
        return ResponseEntity.ok(Map.of("accepted", readings.size()));
    }

    /** A batch of readings. */
    public record ReadingBatch(List<Reading> readings) {
    }
}

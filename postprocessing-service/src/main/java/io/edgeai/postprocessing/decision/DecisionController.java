package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stateless decisions: probabilities in, a status per reading out. */
@RestController
@RequestMapping("/api/v1/postprocessing")
public class DecisionController {

    private final ThresholdClassifier classifier;

    public DecisionController(ThresholdClassifier classifier) {
        this.classifier = classifier;
    }

    @PostMapping("/decisions")
    public ResponseEntity<?> decide(@RequestBody DecisionRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request.labels() == null || request.labels().isEmpty()) {
            violations.add(new FieldViolation("labels", "must name at least one class"));
        }
        if (request.probabilities() == null || request.probabilities().isEmpty()) {
            violations.add(new FieldViolation("probabilities", "must hold at least one row"));
        }
        double warning = request.warningThreshold() == null ? 0.3 : request.warningThreshold();
        double failure = request.failureThreshold() == null ? 0.5 : request.failureThreshold();
        if (!(warning >= 0 && warning <= failure && failure <= 1)) {
            violations.add(new FieldViolation("warningThreshold",
                    "must satisfy 0 <= warningThreshold <= failureThreshold <= 1"));
        }
        if (violations.isEmpty()) {
            for (int i = 0; i < request.probabilities().size(); i++) {
                double[] row = request.probabilities().get(i);
                if (row == null || row.length != request.labels().size()) {
                    violations.add(new FieldViolation("probabilities[" + i + "]",
                            "must hold " + request.labels().size() + " values, one per label"));
                    continue;
                }
                for (int j = 0; j < row.length; j++) {
                    if (!(row[j] >= 0 && row[j] <= 1)) {
                        violations.add(new FieldViolation("probabilities[" + i + "][" + j + "]",
                                "must be a probability in [0, 1]"));
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            return ResponseEntity.badRequest().body(Problems.validation(HttpStatus.BAD_REQUEST, violations));
        }
        List<ThresholdClassifier.Decision> decisions = request.probabilities().stream()
                .map(row -> classifier.classify(request.labels(), row, warning, failure))
                .toList();
        return ResponseEntity.ok(Map.of("decisions", decisions));
    }

    /** Class labels, one probability row per reading, and optional thresholds on the first class. */
    public record DecisionRequest(List<String> labels, List<double[]> probabilities, Double warningThreshold,
                                  Double failureThreshold) {
    }
}

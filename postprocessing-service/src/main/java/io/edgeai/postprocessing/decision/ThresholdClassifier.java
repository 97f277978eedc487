package io.edgeai.postprocessing.decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Maps one row of class probabilities to a status with a warning and a failure threshold. */
@Component
public class ThresholdClassifier {

    /**
     * The decision for one reading. The first label is the overall failure probability; the others are failure
     * modes, of which the most probable is reported.
     */
    public Decision classify(List<String> labels, double[] probabilities, double warning, double failure) {
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.put(labels.get(i), probabilities[i]);
        }
        double overall = probabilities[0];
        Status status = overall >= failure ? Status.FAILURE_PREDICTED
                : overall >= warning ? Status.WARNING : Status.NORMAL;
        String mostLikely = null;
        double best = -1;
        for (int i = 1; i < labels.size(); i++) {
            if (probabilities[i] > best) {
                best = probabilities[i];
                mostLikely = labels.get(i);
            }
        }
        return new Decision(status, byLabel, status == Status.NORMAL ? null : mostLikely);
    }

    /** A reading's status, its probability per class, and the most likely failure mode when not normal. */
    public record Decision(Status status, Map<String, Double> probabilities, String mostLikelyMode) {
    }
}

package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.decision.Status;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The stateless decision for one reading. When the model has an overall label (for ai4i-failure
 * {@code machine_failure}), the status is that label's: FAILURE_PREDICTED at or above its high threshold, WARNING at
 * or above its low one, else NORMAL. Failure modes inform the most likely mode and raise their own alerts, but do
 * not set the status: the modes the data cannot predict well (random failures, tool wear) get low thresholds, and
 * would otherwise flag healthy machines. A model without an overall label takes the worst of its labels. The same
 * reading always gets the same status, so a replay through the service equals an offline evaluation with the same
 * thresholds; noise suppression belongs to alerts, not to statuses.
 */
@Component
public class ReadingClassifier {

    private final String overallLabel;

    public ReadingClassifier(PostprocessingProperties properties) {
        this.overallLabel = properties.overallLabel();
    }

    /** The status of one probability row, its labels in {@code labels} order. */
    public Status status(List<String> labels, double[] p, Threshold[] thresholds) {
        int overall = labels.indexOf(overallLabel);
        if (overall >= 0) {
            return p[overall] >= thresholds[overall].high() ? Status.FAILURE_PREDICTED
                    : p[overall] >= thresholds[overall].low() ? Status.WARNING : Status.NORMAL;
        }
        Status status = Status.NORMAL;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= thresholds[i].high()) {
                return Status.FAILURE_PREDICTED;
            }
            if (p[i] >= thresholds[i].low()) {
                status = Status.WARNING;
            }
        }
        return status;
    }

    /**
     * The index of the most likely failure mode: the most probable label other than the overall one (all labels
     * compete when the overall label is the only one or absent).
     */
    public int mostLikelyMode(List<String> labels, double[] p) {
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (labels.size() > 1 && labels.get(i).equals(overallLabel)) {
                continue;
            }
            if (best < 0 || p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}

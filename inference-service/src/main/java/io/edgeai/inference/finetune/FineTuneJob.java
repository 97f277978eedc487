package io.edgeai.inference.finetune;

import io.edgeai.inference.training.core.ClassificationMetrics;
import java.util.Map;

/**
 * A fine-tuning job as the API shows it and as it is persisted under {@code <repository>/.jobs/<id>.json}.
 *
 * @param id          job id
 * @param model       the model being fine-tuned
 * @param state       QUEUED, RUNNING, COMPLETED (promoted or refused, see outcome), FAILED or CANCELLED
 * @param request     what was asked
 * @param baseVersion the served version the job warm-starts from and compares with
 * @param createdAt   ISO-8601
 * @param startedAt   ISO-8601, or null
 * @param finishedAt  ISO-8601, or null
 * @param progress    the latest epoch, or null before the first
 * @param outcome     the comparison and decision, when COMPLETED
 * @param error       why it FAILED or was CANCELLED
 */
public record FineTuneJob(String id, String model, State state, FineTuneRequest request, Long baseVersion,
                          String createdAt, String startedAt, String finishedAt, Progress progress, Outcome outcome,
                          String error) {

    /** Job states; the last three are final. */
    public enum State { QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * @param epoch            epochs done
     * @param epochs           most epochs
     * @param trainingLoss     mean weighted loss of the epoch
     * @param validationLoss   cross-entropy on the validation split
     * @param validationMetric the gate metric on validation at 0.5 thresholds
     * @param rows             labelled rows: train / validation / test
     */
    public record Progress(int epoch, int epochs, double trainingLoss, double validationLoss, double validationMetric,
                           String rows) {
    }

    /**
     * @param decision         PROMOTED or REFUSED
     * @param reason           why, in words
     * @param gateMetric       what was compared
     * @param candidate        the candidate's gate metric on the test split
     * @param current          the base version's gate metric on the same test rows
     * @param candidateVersion the version written (only when promoted)
     * @param testRows         held-out rows both were measured on
     * @param perClass         per label: candidate and current metrics on the test rows
     */
    public record Outcome(String decision, String reason, String gateMetric, ClassificationMetrics candidate,
                          ClassificationMetrics current, Long candidateVersion, int testRows,
                          Map<String, Map<String, ClassificationMetrics>> perClass) {
    }

    FineTuneJob with(State state) {
        return new FineTuneJob(id, model, state, request, baseVersion, createdAt, startedAt, finishedAt, progress,
                outcome, error);
    }

    FineTuneJob started(String at) {
        return new FineTuneJob(id, model, State.RUNNING, request, baseVersion, createdAt, at, null, progress, outcome,
                error);
    }

    FineTuneJob progressed(Progress p) {
        return new FineTuneJob(id, model, state, request, baseVersion, createdAt, startedAt, finishedAt, p, outcome,
                error);
    }

    FineTuneJob finished(State end, Outcome result, String why, String at) {
        return new FineTuneJob(id, model, end, request, baseVersion, createdAt, startedAt, at, progress, result, why);
    }
}

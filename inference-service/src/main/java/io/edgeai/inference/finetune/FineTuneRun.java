package io.edgeai.inference.finetune;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.training.core.ClassificationMetrics;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.EncodedRows;
import io.edgeai.inference.training.core.GateMetric;
import io.edgeai.inference.training.core.LabelledRows;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.PositiveWeights;
import io.edgeai.inference.training.core.SiteEvaluation;
import io.edgeai.inference.training.core.DjlVersionConfig;
import io.edgeai.inference.training.core.TreeTrainer;
import io.edgeai.inference.training.core.TreeVersionConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One fine-tuning run, without I/O: warm-starts from the served version's weights (same architecture, same feature
 * spec and normalisation; a served trees version gets a fresh MLP), trains trees afresh on the same rows, keeps the
 * family with the better validation score ({@link FineTuneFamilies}), then measures candidate and current version
 * on the same held-out test rows and decides. Promotion needs an epoch that beat the served weights on validation and a gate
 * metric on test that is not worse than the current version's.
 */
final class FineTuneRun {

    /**
     * @param outcome    the decision and both versions' metrics
     * @param files      the candidate's weight files (DJL parameters or boosters), name to bytes
     * @param config     the candidate's model.json for a version number (used only when promoted)
     */
    record Result(FineTuneJob.Outcome outcome, Map<String, byte[]> files,
                  java.util.function.LongFunction<ModelConfig> config) {
    }

    /** Cap of the positives' loss weight, as in CSV training. */
    private static final double MAX_POSITIVE_WEIGHT = 5;

    private FineTuneRun() {
    }

    static Result run(ModelConfig current, long currentVersion, Map<String, byte[]> currentFiles, LabelledRows data,
                      FineTuneRequest request, int minRows, Consumer<FineTuneJob.Progress> progress,
                      BooleanSupplier cancelled) {
        long started = System.nanoTime();
        List<String> labels = current.labels();
        if (data.rows().size() < minRows) {
            throw new IllegalStateException("the labelled export has " + data.rows().size() + " usable rows; at least "
                    + minRows + " are needed");
        }
        FeatureSpec spec = current.featureSpec();
        boolean servedMlp = current.architecture() != null;
        MlpArchitecture architecture = servedMlp ? current.architecture() : new MlpArchitecture("mlp",
                spec.featureCount(), List.of(32, 16), "relu", null, labels.size(), "sigmoid", null);
        EncodedRows rows = EncodedRows.encode(data, spec);
        DataSplit split = DataSplit.stratified(data, request.seedOrDefault());
        String faultless = split.sideWithoutPositives(rows.y());
        if (faultless != null) {
            throw new IllegalStateException("the " + faultless + " split has no labelled fault; collect more "
                    + "fault feedback before fine-tuning");
        }
        // the negative control trains (and early-stops) on permuted labels; the test rows keep the truth
        int[][] trainingLabels = rows.y();
        if (request.shuffled()) {
            trainingLabels = rows.y().clone();
            List<Integer> seen = new ArrayList<>(split.train());
            seen.addAll(split.validation());
            List<int[]> permuted = new ArrayList<>(seen.stream().map(i -> rows.y()[i]).toList());
            Collections.shuffle(permuted, new Random(request.seedOrDefault() + 1));
            for (int j = 0; j < seen.size(); j++) {
                trainingLabels[seen.get(j)] = permuted.get(j);
            }
        }
        int[][] y = trainingLabels;
        float[] weights = PositiveWeights.of(y, split.train(), labels.size(), MAX_POSITIVE_WEIGHT);
        int epochs = request.epochsOrDefault();
        String sizes = split.train().size() + " / " + split.validation().size() + " / " + split.test().size();
        // the control starts from scratch: warm-started, early stopping would keep the served weights almost
        // unchanged; a served trees version has no MLP weights to start from
        byte[] start = request.shuffled() || !servedMlp ? null : currentFiles.get(ModelLoader.DJL_WEIGHTS);
        MlpTrainer.Result trained = MlpTrainer.train(architecture, start, rows.x(), y, split.train(),
                split.validation(), new MlpTrainer.Settings(epochs, Math.max(5, epochs / 3), 32,
                        request.learningRateOrDefault(), request.seedOrDefault(), weights),
                new MlpTrainer.Listener() {
                    @Override
                    public void epoch(int epoch, double trainingLoss, double validationScore, float[][] scores) {
                        double metric = GateMetric.evaluate(labels, Map.of(), scores, y, split.validation()).f1();
                        progress.accept(new FineTuneJob.Progress(epoch, epochs, round(trainingLoss),
                                round(validationScore), metric, sizes));
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelled.getAsBoolean();
                    }
                });
        List<FineTuneFamilies.Candidate> candidates = new ArrayList<>();
        // request.family pins one (e.g. "mlp" for a version meant for the hub, whose exchange takes MLP weights)
        if (request.allows("mlp") || !request.allows("trees")) {
            candidates.add(FineTuneFamilies.mlp(architecture, trained, rows.x(), y, split, labels));
        }
        FineTuneFamilies.Candidate trees = request.allows("trees") ? FineTuneFamilies.trees(rows.x(), y, split,
                labels, weights, request.seedOrDefault(), cancelled) : null;
        if (trees != null) {
            candidates.add(trees);
        }
        if (candidates.isEmpty()) { // trees asked for, and the trees library cannot run here
            candidates.add(FineTuneFamilies.mlp(architecture, trained, rows.x(), y, split, labels));
        }
        Map.Entry<FineTuneFamilies.Candidate, SiteEvaluation.FamilyChoice> choice = FineTuneFamilies.choose(
                candidates, labels, y, split);
        FineTuneFamilies.Candidate best = choice.getKey();

        Map<String, Threshold> candidateThresholds = best.thresholds();
        Map<String, Threshold> currentThresholds = current.thresholds() == null ? Map.of() : current.thresholds();
        float[][] candidateTest = best.test();
        float[][] currentTest = FineTuneFamilies.currentTest(current, currentFiles, rows.x(), split);
        ClassificationMetrics candidateGate = GateMetric.evaluate(labels, candidateThresholds, candidateTest, rows.y(),
                split.test());
        ClassificationMetrics currentGate = GateMetric.evaluate(labels, currentThresholds, currentTest, rows.y(),
                split.test());
        Map<String, ClassificationMetrics> candidatePerClass = SiteEvaluation.perClass(labels, candidateThresholds,
                candidateTest, rows.y(), split.test());
        Map<String, ClassificationMetrics> currentPerClass = SiteEvaluation.perClass(labels, currentThresholds,
                currentTest, rows.y(), split.test());
        Map<String, Map<String, ClassificationMetrics>> perClass = new LinkedHashMap<>();
        for (String l : labels) {
            perClass.put(l, Map.of("candidate", candidatePerClass.get(l), "current", currentPerClass.get(l)));
        }

        String metric = GateMetric.name(labels);
        Gate gate = gate(metric, candidateGate, currentGate, best.bestEpoch(), best.bestValidationLoss(),
                currentVersion, split.test().size());
        boolean promote = gate.promote();
        String reason = gate.reason() + " (" + best.family() + " kept on validation"
                + (choice.getValue().margin() == null ? "" : ", by " + choice.getValue().margin()) + ")";
        FineTuneJob.Outcome outcome = new FineTuneJob.Outcome(promote ? "PROMOTED" : "REFUSED", reason, metric,
                candidateGate, currentGate, null, split.test().size(), perClass);

        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("version", currentVersion);
        comparison.put("gate", currentGate);
        comparison.put("per_class", currentPerClass);
        comparison.put("decision", reason);
        boolean warm = best.mlp() != null && start != null;
        SiteEvaluation evaluation = new SiteEvaluation("test",
                new SiteEvaluation.Data(data.source(), data.sha256(), data.rows().size(), split.train().size(),
                        split.validation().size(), split.test().size(), split.method(),
                        rows.positives(labels, split.test()), null, null),
                new SiteEvaluation.Training(request.seedOrDefault(), warm ? currentVersion : null, best.epochs(),
                        best.bestEpoch(), round(best.bestValidationLoss()), PositiveWeights.report(labels, weights),
                        MlpTrainer.secondsSince(started), best.mlp() != null ? "DJL PyTorch" + (warm
                        ? " (warm start)" : "") : TreeTrainer.engineDescription()),
                candidatePerClass, new SiteEvaluation.Gate(metric, candidateGate.f1()), comparison,
                choice.getValue());
        String description = (current.description() == null ? "" : current.description() + " ")
                + "Fine-tuned on site from version " + currentVersion + " (" + best.family() + ").";
        return new Result(outcome, best.files(), v -> best.trees() != null
                ? TreeVersionConfig.of(current.name(), v, description, best.trees().spec(), spec.featureCount(),
                        labels, spec, candidateThresholds, evaluation)
                : !servedMlp ? DjlVersionConfig.of(current.name(), v, description, architecture, labels, spec,
                        candidateThresholds, evaluation)
                : new ModelConfig(current.name(), v, current.platform(),
                description, current.inputs(), current.outputs(), labels, spec, candidateThresholds,
                current.maxBatchSize(), current.maxQueueDelayMicroseconds(), current.maxQueueSize(),
                current.dynamicBatching(), current.instanceCount(), current.versionPolicy(), architecture,
                ModelLoader.DJL_WEIGHTS,
                ModelConfigCodec.mapper().valueToTree(evaluation)));
    }

    /** Whether the candidate replaces the current version, and why. */
    record Gate(boolean promote, String reason) {
    }

    /**
     * The promotion rule: the candidate must have improved on the current version's validation loss, and score a
     * gate F1 on the held-out rows that is not worse than the current version's on the same rows. Two zeros are
     * not a comparison: with no failure among the held-out rows, or a candidate that finds none of them, "not
     * worse" would promote a model nobody has seen catch a failure, so it is refused.
     */
    static Gate gate(String metric, ClassificationMetrics candidate, ClassificationMetrics current, int bestEpoch,
                     double bestValidationLoss, long currentVersion, int heldOutRows) {
        Gate unmeasurable = unmeasurable(metric, candidate, currentVersion, heldOutRows);
        if (unmeasurable != null) {
            return unmeasurable;
        }
        if (bestEpoch == 0) {
            return new Gate(false, "no epoch improved on version " + currentVersion + "'s validation loss ("
                    + round(bestValidationLoss) + "); the candidate would be the current version");
        }
        if (candidate.f1() < current.f1()) {
            return new Gate(false, "candidate is worse: " + metric + " " + candidate.f1() + " < " + current.f1()
                    + " of version " + currentVersion + " on the same " + heldOutRows + " held-out rows");
        }
        return new Gate(true, "candidate is not worse: " + metric + " " + candidate.f1() + " >= " + current.f1()
                + " of version " + currentVersion + " on the same " + heldOutRows + " held-out rows");
    }

    /**
     * The refusals that come before any comparison: two zeros are not a comparison, so with no failure among the
     * held-out rows, or a candidate that finds none of them, the candidate is refused. Null when it can be compared.
     */
    static Gate unmeasurable(String metric, ClassificationMetrics candidate, long currentVersion, int heldOutRows) {
        int heldOutFaults = candidate.tp() + candidate.fn();
        if (heldOutFaults == 0) {
            return new Gate(false, "the " + heldOutRows + " held-out rows hold no failure, so " + metric
                    + " cannot tell the candidate from version " + currentVersion + "; give feedback on failures too");
        }
        if (candidate.f1() == 0) {
            return new Gate(false, "candidate finds none of the " + heldOutFaults + " failures in the " + heldOutRows
                    + " held-out rows (" + metric + " 0)");
        }
        return null;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

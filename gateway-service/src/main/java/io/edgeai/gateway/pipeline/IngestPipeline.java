package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.PredictionIds;
import io.edgeai.contracts.Reading;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.decision.ReadingDecision;
import io.edgeai.contracts.features.FeatureRequest;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.contracts.oip.InferResponse;
import io.edgeai.contracts.oip.OipPaths;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.gateway.client.StageClient;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.config.PipelineProperties;
import io.edgeai.gateway.config.SpoolProperties;
import io.edgeai.gateway.spool.Spool;
import io.edgeai.gateway.spool.SpoolEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a device's readings through the suite: preprocessing (validation and features) -> inference (the model) ->
 * postprocessing (status and alerts) -> the spool (durable, then data-shard). The answer is given only once the
 * batch is on the gateway's disk, so a 2xx always means the readings will be stored.
 */
@Component
public class IngestPipeline implements IngestBatcher.Stages {

    private static final String FEATURES = "/api/v1/preprocessing/features";
    private static final String DECISIONS = "/api/v1/postprocessing/decisions";

    private final StageClient stages;
    private final Spool spool;
    private final PipelineProperties properties;
    private final JsonMapper json;
    private final Duration storeWait;
    private final MeterRegistry meters;
    private final AlertExplainer explainer;

    public IngestPipeline(StageClient stages, Spool spool, PipelineProperties properties, JsonMapper json,
                          SpoolProperties spoolProperties, MeterRegistry meters, AlertExplainer explainer) {
        this.explainer = explainer;
        this.stages = stages;
        this.spool = spool;
        this.properties = properties;
        this.json = json;
        this.storeWait = spoolProperties.storeWait();
        this.meters = meters;
    }

    /** Scores with the configured model and stores validated readings of one device. */
    public Mono<IngestResult> ingest(String deviceId, List<Reading> readings) {
        return ingest(deviceId, null, readings);
    }

    /**
     * Scores and stores validated readings of one device (each already carries the device id) with {@code model},
     * or with the configured {@code edge.pipeline.model} when it is null or blank: the stages called for this
     * request alone ({@link IngestBatcher} shares them between requests).
     */
    @Override
    public Mono<IngestResult> ingest(String deviceId, String model, List<Reading> readings) {
        long start = System.nanoTime();
        return score(model, readings)
                .flatMap(scored -> decide(scored)
                        .flatMap(decided -> explain(scored, decided))
                        .flatMap(decided -> store(List.of(new Part(deviceId, readings, scored.features(), decided)))
                                .get(0)))
                .doOnSuccess(r -> record(start, readings.size(), "ok"))
                .doOnError(e -> record(start, readings.size(), "error"));
    }

    /** The model a request without one is scored with. */
    @Override
    public String defaultModel() {
        return properties.model();
    }

    /** Features, then the model's answer for them. */
    record Scored(FeatureResponse features, InferResponse inferred) {

        /** The infer response's outputs for postprocessing, with the version that really answered. */
        DecisionRequest decisionRequest() {
            String version = inferred.modelVersion() != null ? inferred.modelVersion() : features.modelVersion();
            return DecisionRequest.ofOutputs(features.modelName(), version, inferred.outputs(), features.readings());
        }
    }

    /** One device's readings with their features' identities and decisions, ready to be spooled as one batch. */
    record Part(String deviceId, List<Reading> readings, FeatureResponse features, DecisionResponse decided) {
    }

    /** Preprocessing then inference; once more with preprocessing re-checking the version if inference unloaded it. */
    @Override
    public Mono<Scored> score(String model, List<Reading> readings) {
        FeatureRequest featureRequest = FeatureRequest.batch(
                model == null || model.isBlank() ? properties.model() : model, readings);
        return score(featureRequest, false)
                .onErrorResume(IngestPipeline::versionGone, gone -> {
                    // Inference no longer serves the version preprocessing encoded for: a promotion or rollback
                    // happened since preprocessing last asked (it re-checks every spec-refresh). Once more, with
                    // preprocessing asking inference for the served version now.
                    meters.counter("edge.pipeline.version.rechecks").increment();
                    return score(featureRequest, true);
                });
    }

    /** Postprocessing: status per reading and alert events. */
    @Override
    public Mono<DecisionResponse> decide(Scored scored) {
        return stages.post("postprocessing", DECISIONS, scored.decisionRequest(), DecisionResponse.class);
    }

    /** The explanations of the alerts raised (best effort, never an error). */
    @Override
    public Mono<DecisionResponse> explain(Scored scored, DecisionResponse decided) {
        return explainer.explain(scored.features(), scored.decisionRequest().modelVersion(), decided);
    }

    private Mono<Scored> score(FeatureRequest featureRequest, boolean recheckVersion) {
        return stages.post("preprocessing", FEATURES, featureRequest, recheckVersion, FeatureResponse.class)
                .flatMap(features -> stages.post("inference",
                                OipPaths.infer(features.modelName(), features.modelVersion()),
                                features.inferenceRequest(), InferResponse.class)
                        .map(inferred -> new Scored(features, inferred)));
    }

    /** Inference answered 404 for the version in the path: it was unloaded after preprocessing chose it. */
    private static boolean versionGone(Throwable error) {
        return error instanceof StageException e && e.isRejection() && "inference".equals(e.stage())
                && e.status().value() == 404;
    }

    /**
     * Spools each part as its own storage batch, all in one group (one fsync), appended now in this order; each
     * answer completes once its batch is on disk.
     */
    @Override
    public List<Mono<IngestResult>> store(List<Part> parts) {
        List<String> devices = new ArrayList<>(parts.size());
        List<byte[]> payloads = new ArrayList<>(parts.size());
        List<IngestResult> answers = new ArrayList<>(parts.size());
        List<Mono<IngestResult>> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            try {
                answers.add(prepare(part, payloads));
                devices.add(part.deviceId());
                out.add(null);
            } catch (StageException e) {
                answers.add(null);
                out.add(Mono.error(e));
            }
        }
        long appendStart = System.nanoTime();
        List<CompletableFuture<SpoolEntry>> written = spool.appendAll(devices, payloads);
        for (int i = 0, j = 0; i < parts.size(); i++) {
            if (out.get(i) == null) {
                IngestResult answer = answers.get(i);
                out.set(i, Mono.fromFuture(written.get(j++), true)
                        .doOnNext(entry -> stages.recordStage("spool", true, System.nanoTime() - appendStart))
                        .flatMap(entry -> awaitDelivery(entry).map(answer::withStorage)));
            }
        }
        return out;
    }

    /** The part's storage batch (added to {@code payloads}) and its answer, storage not known yet. */
    private IngestResult prepare(Part part, List<byte[]> payloads) {
        String deviceId = part.deviceId();
        List<Reading> readings = part.readings();
        FeatureResponse features = part.features();
        DecisionResponse decided = part.decided();
        String model = decided.modelName() != null ? decided.modelName() : features.modelName();
        String version = decided.modelVersion() != null ? decided.modelVersion() : features.modelVersion();
        if (features.readings().size() != readings.size() || decided.decisions().size() != readings.size()) {
            throw StageException.unavailable("postprocessing", "answered " + decided.decisions().size()
                    + " decisions for " + readings.size() + " readings", null);
        }
        String batchId = UUID.randomUUID().toString();
        List<IngestResult.Result> results = new ArrayList<>(readings.size());
        List<Reading> stored = new ArrayList<>(readings.size());
        List<StorageBatch.Prediction> predictions = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            ReadingMetadata reading = features.readings().get(i);
            ReadingDecision decision = decided.decisions().get(i);
            String predictionId = PredictionIds.of(deviceId, reading.timestamp(), model, version);
            String status = decision.status() == null ? null : decision.status().name();
            stored.add(new Reading(deviceId, reading.timestamp(), reading.machineType(), readings.get(i).sensors()));
            predictions.add(new StorageBatch.Prediction(predictionId, deviceId, reading.timestamp(), model, version,
                    decision.probabilities(), status));
            results.add(new IngestResult.Result(String.valueOf(reading.timestamp()), status,
                    decision.probabilities(), decision.mostLikelyMode(), predictionId));
        }
        payloads.add(json.writeValueAsBytes(new StorageBatch(batchId, stored, predictions, decided.alerts())));
        return new IngestResult(deviceId, model, version, null, batchId, results, decided.alerts());
    }

    private Mono<String> awaitDelivery(SpoolEntry entry) {
        if (storeWait.isZero()) {
            return Mono.just(spool.delivery(entry.seq()).isDone() ? "STORED" : "SPOOLED");
        }
        return Mono.fromFuture(() -> spool.delivery(entry.seq()), true)
                .thenReturn("STORED")
                .timeout(storeWait, Mono.just("SPOOLED"));
    }

    /** Counts a whole request ({@code edge.pipeline.requests}, {@code edge.pipeline.readings}). */
    @Override
    public void record(long start, int readings, String outcome) {
        Timer.builder("edge.pipeline.requests").tag("outcome", outcome).register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        meters.counter("edge.pipeline.readings", "outcome", outcome).increment(readings);
    }
}

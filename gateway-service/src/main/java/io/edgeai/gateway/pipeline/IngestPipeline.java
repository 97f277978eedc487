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
public class IngestPipeline {

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
     * or with the configured {@code edge.pipeline.model} when it is null or blank.
     */
    public Mono<IngestResult> ingest(String deviceId, String model, List<Reading> readings) {
        long start = System.nanoTime();
        FeatureRequest featureRequest = FeatureRequest.batch(
                model == null || model.isBlank() ? properties.model() : model, readings);
        return score(featureRequest, false)
                .onErrorResume(IngestPipeline::versionGone, gone -> {
                    // Inference no longer serves the version preprocessing encoded for: a promotion or rollback
                    // happened since preprocessing last asked (it re-checks every spec-refresh). Once more, with
                    // preprocessing asking inference for the served version now.
                    meters.counter("edge.pipeline.version.rechecks").increment();
                    return score(featureRequest, true);
                })
                .flatMap(scored -> stages.post("postprocessing", DECISIONS, scored.decisionRequest(),
                                DecisionResponse.class)
                        .flatMap(decided -> explainer.explain(scored.features(), scored.decisionRequest()
                                .modelVersion(), decided))
                        .flatMap(decided -> store(deviceId, readings, scored.features(), decided)))
                .doOnSuccess(r -> record(start, readings.size(), "ok"))
                .doOnError(e -> record(start, readings.size(), "error"));
    }

    /** Features, then the model's answer for them. */
    private record Scored(FeatureResponse features, InferResponse inferred) {

        /** The infer response's outputs for postprocessing, with the version that really answered. */
        DecisionRequest decisionRequest() {
            String version = inferred.modelVersion() != null ? inferred.modelVersion() : features.modelVersion();
            return DecisionRequest.ofOutputs(features.modelName(), version, inferred.outputs(), features.readings());
        }
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

    private Mono<IngestResult> store(String deviceId, List<Reading> readings, FeatureResponse features,
                                     DecisionResponse decided) {
        String model = decided.modelName() != null ? decided.modelName() : features.modelName();
        String version = decided.modelVersion() != null ? decided.modelVersion() : features.modelVersion();
        if (features.readings().size() != readings.size() || decided.decisions().size() != readings.size()) {
            return Mono.error(StageException.unavailable("postprocessing", "answered " + decided.decisions().size()
                    + " decisions for " + readings.size() + " readings", null));
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
        byte[] payload = json.writeValueAsBytes(new StorageBatch(batchId, stored, predictions, decided.alerts()));
        long appendStart = System.nanoTime();
        return Mono.fromFuture(() -> spool.append(deviceId, payload))
                .doOnNext(entry -> stages.recordStage("spool", true, System.nanoTime() - appendStart))
                .flatMap(entry -> awaitDelivery(entry)
                        .map(storage -> new IngestResult(deviceId, model, version, storage, batchId, results,
                                decided.alerts())));
    }

    private Mono<String> awaitDelivery(SpoolEntry entry) {
        if (storeWait.isZero()) {
            return Mono.just(spool.delivery(entry.seq()).isDone() ? "STORED" : "SPOOLED");
        }
        return Mono.fromFuture(() -> spool.delivery(entry.seq()), true)
                .thenReturn("STORED")
                .timeout(storeWait, Mono.just("SPOOLED"));
    }

    private void record(long start, int readings, String outcome) {
        Timer.builder("edge.pipeline.requests").tag("outcome", outcome).register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        meters.counter("edge.pipeline.readings", "outcome", outcome).increment(readings);
    }
}

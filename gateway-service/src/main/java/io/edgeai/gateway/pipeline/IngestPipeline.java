package io.edgeai.gateway.pipeline;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a device's readings through the suite: preprocessing (validation and features) -> inference (the model) ->
 * postprocessing (status and alerts) -> the spool (durable, then data-shard). The answer is given only once the
 * batch is on the gateway's disk, so a 2xx always means the readings will be stored.
 */
@Component
public class IngestPipeline {

    private final StageClient stages;
    private final Spool spool;
    private final PipelineProperties properties;
    private final JsonMapper json;
    private final Duration storeWait;
    private final MeterRegistry meters;

    public IngestPipeline(StageClient stages, Spool spool, PipelineProperties properties, JsonMapper json,
                          SpoolProperties spoolProperties, MeterRegistry meters) {
        this.stages = stages;
        this.spool = spool;
        this.properties = properties;
        this.json = json;
        this.storeWait = spoolProperties.storeWait();
        this.meters = meters;
    }

    /** Scores with the configured model and stores validated readings of one device. */
    public Mono<IngestResult> ingest(String deviceId, List<JsonNode> readings) {
        return ingest(deviceId, null, readings);
    }

    /**
     * Scores and stores validated readings of one device (each already carries the device id) with {@code model},
     * or with the configured {@code edge.pipeline.model} when it is null or blank.
     */
    public Mono<IngestResult> ingest(String deviceId, String model, List<JsonNode> readings) {
        long start = System.nanoTime();
        ObjectNode featureRequest = json.createObjectNode();
        featureRequest.put("model", model == null || model.isBlank() ? properties.model() : model);
        featureRequest.set("readings", json.createArrayNode().addAll(readings));
        return score(featureRequest, false)
                .onErrorResume(IngestPipeline::versionGone, gone -> {
                    // Inference no longer serves the version preprocessing encoded for: a promotion or rollback
                    // happened since preprocessing last asked (it re-checks every spec-refresh). Once more, with
                    // preprocessing asking inference for the served version now.
                    meters.counter("edge.pipeline.version.rechecks").increment();
                    return score(featureRequest, true);
                })
                .flatMap(scored -> stages.post("postprocessing", "/api/v1/postprocessing/decisions",
                                decisionRequest(scored.features(), scored.inferred()))
                        .flatMap(decided -> store(deviceId, readings, scored.features(), decided)))
                .doOnSuccess(r -> record(start, readings.size(), "ok"))
                .doOnError(e -> record(start, readings.size(), "error"));
    }

    private record Scored(JsonNode features, JsonNode inferred) {
    }

    /** Features, then the model's answer for them. */
    private Mono<Scored> score(ObjectNode featureRequest, boolean recheckVersion) {
        return stages.post("preprocessing", "/api/v1/preprocessing/features", featureRequest, recheckVersion)
                .flatMap(features -> stages.post("inference", features.path("inferPath").asString(),
                                features.path("inferenceRequest"))
                        .map(inferred -> new Scored(features, inferred)));
    }

    /** Inference answered 404 for the version in the path: it was unloaded after preprocessing chose it. */
    private static boolean versionGone(Throwable error) {
        return error instanceof StageException e && e.isRejection() && "inference".equals(e.stage())
                && e.status().value() == 404;
    }

    private ObjectNode decisionRequest(JsonNode features, JsonNode inferred) {
        ObjectNode request = json.createObjectNode();
        request.put("modelName", features.path("modelName").asString());
        request.put("modelVersion", inferred.path("model_version").asString(features.path("modelVersion").asString()));
        request.set("outputs", inferred.path("outputs"));
        request.set("readings", features.path("readings"));
        return request;
    }

    private Mono<IngestResult> store(String deviceId, List<JsonNode> readings, JsonNode features, JsonNode decided) {
        String model = decided.path("modelName").asString(features.path("modelName").asString());
        String version = decided.path("modelVersion").asString(features.path("modelVersion").asString());
        String batchId = UUID.randomUUID().toString();
        JsonNode metadata = features.path("readings");
        List<IngestResult.Result> results = new ArrayList<>();
        ArrayNode storedReadings = json.createArrayNode();
        ArrayNode predictions = json.createArrayNode();
        for (int i = 0; i < readings.size(); i++) {
            JsonNode decision = decided.path("decisions").path(i);
            String timestamp = metadata.path(i).path("timestamp").asString();
            String predictionId = deviceId + "@" + timestamp + "/" + model + "/" + version;
            ObjectNode reading = json.createObjectNode();
            reading.put("deviceId", deviceId);
            reading.put("timestamp", timestamp);
            if (!metadata.path(i).path("machineType").isMissingNode() && !metadata.path(i).path("machineType").isNull()) {
                reading.put("machineType", metadata.path(i).path("machineType").asString());
            }
            reading.set("sensors", readings.get(i).path("sensors"));
            storedReadings.add(reading);
            ObjectNode prediction = json.createObjectNode();
            prediction.put("id", predictionId);
            prediction.put("deviceId", deviceId);
            prediction.put("timestamp", timestamp);
            prediction.put("model", model);
            prediction.put("version", version);
            prediction.set("probabilities", decision.path("probabilities"));
            prediction.put("status", decision.path("status").asString());
            predictions.add(prediction);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            decision.path("probabilities").properties().forEach(e -> probabilities.put(e.getKey(), e.getValue().asDouble()));
            JsonNode mode = decision.path("mostLikelyMode");
            results.add(new IngestResult.Result(timestamp, decision.path("status").asString(), probabilities,
                    mode.isNull() || mode.isMissingNode() ? null : mode.asString(), predictionId));
        }
        List<JsonNode> alertEvents = new ArrayList<>();
        ArrayNode storedAlerts = json.createArrayNode();
        for (JsonNode event : decided.path("alerts")) {
            alertEvents.add(event);
            ObjectNode alert = json.createObjectNode();
            alert.put("alertId", event.path("alertId").asString());
            alert.put("deviceId", event.path("deviceId").asString(deviceId));
            alert.put("timestamp", event.path("timestamp").asString());
            alert.put("type", event.path("event").asString());
            alert.put("severity", event.path("severity").asString());
            alert.put("failureMode", event.path("mode").asString());
            storedAlerts.add(alert);
        }
        ObjectNode batch = json.createObjectNode();
        batch.put("batchId", batchId);
        batch.set("readings", storedReadings);
        batch.set("predictions", predictions);
        batch.set("alerts", storedAlerts);
        byte[] payload = json.writeValueAsBytes(batch);
        long appendStart = System.nanoTime();
        return Mono.fromFuture(() -> spool.append(deviceId, payload))
                .doOnNext(entry -> stages.recordStage("spool", true, System.nanoTime() - appendStart))
                .flatMap(entry -> awaitDelivery(entry)
                        .map(storage -> new IngestResult(deviceId, model, version, storage, batchId, results,
                                alertEvents)));
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

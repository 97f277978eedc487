package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.explain.Explanation;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.contracts.oip.InferRequest;
import io.edgeai.contracts.oip.InferResponse;
import io.edgeai.contracts.oip.OipPaths;
import io.edgeai.gateway.client.StageClient;
import io.edgeai.gateway.config.PipelineProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explains every reading that raised an alert, and attaches the explanation of the alert's mode to its RAISED
 * event (so it is answered, spooled and stored with the alert). Only those rows go to inference again, with
 * {@code ?explain=true}: the fast path of readings that raise nothing never pays for an explanation. An explanation
 * is an aid, not the decision: when inference cannot give one, the alert is stored without it. The call is bounded
 * ({@code edge.pipeline.explain-timeout}, {@code explain-concurrency}) and made outside inference's circuit breaker,
 * so it can neither hold ingest up for long nor open the breaker of the readings' own inference calls.
 */
@Component
public class AlertExplainer {

    private static final Logger log = LoggerFactory.getLogger(AlertExplainer.class);
    private static final TypeReference<List<List<Explanation>>> ROWS = new TypeReference<>() {
    };

    private final StageClient stages;
    private final JsonMapper json;
    private final PipelineProperties properties;
    private final Semaphore inFlight;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public AlertExplainer(StageClient stages, JsonMapper json, PipelineProperties properties, MeterRegistry meters) {
        this.stages = stages;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.inFlight = new Semaphore(properties.explainConcurrency());
    }

    /**
     * Counts {@code edge.alerts.explanations{outcome}}: {@code ok}, {@code failed} (inference refused or failed),
     * {@code timeout}, {@code busy} (the concurrency bound was reached).
     */
    private void count(String outcome, int alerts) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("edge.alerts.explanations")
                .description("Readings that raised an alert, by what became of their explanation")
                .tag("outcome", o).register(meters)).increment(alerts);
    }

    /**
     * {@code decided} with an explanation on each RAISED event whose reading is in this batch; never an error: an
     * alert that cannot be explained is stored without one.
     */
    Mono<DecisionResponse> explain(FeatureResponse features, String version, DecisionResponse decided) {
        try {
            return explainOrFail(features, version, decided);
        } catch (RuntimeException e) { // a request this explainer cannot build (e.g. rows that do not fit)
            count("failed", 1);
            log.warn("alerts stored without explanation: {}", e.toString());
            return Mono.just(decided);
        }
    }

    private Mono<DecisionResponse> explainOrFail(FeatureResponse features, String version,
                                                 DecisionResponse decided) {
        // A row is a device's reading at a time: a batch may hold several devices (IngestBatcher), so the same
        // timestamp can belong to more than one row.
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        for (AlertEvent a : decided.alerts()) {
            if (a.event() == AlertEventType.RAISED && a.explanation() == null) {
                for (int i = 0; i < features.readings().size(); i++) {
                    ReadingMetadata r = features.readings().get(i);
                    if (r.timestamp().equals(a.timestamp()) && (a.deviceId() == null
                            || a.deviceId().equals(r.deviceId()))) {
                        rowOf.putIfAbsent(rowKey(a), i);
                    }
                }
            }
        }
        InferRequest all = features.inferenceRequest();
        if (rowOf.isEmpty() || all == null || all.inputs() == null || all.inputs().size() != 1) {
            return Mono.just(decided);
        }
        List<Integer> rows = new ArrayList<>(rowOf.values());
        InferRequest.Input in = all.inputs().get(0);
        if (in.shape() == null || in.shape().length != 2 || in.data() == null
                || in.data().length != in.shape()[0] * in.shape()[1]) {
            count("failed", rows.size());
            return Mono.just(decided);
        }
        int width = (int) in.shape()[1];
        float[] data = new float[rows.size() * width];
        for (int j = 0; j < rows.size(); j++) {
            System.arraycopy(in.data(), rows.get(j) * width, data, j * width, width);
        }
        InferRequest request = new InferRequest(null, List.of(new InferRequest.Input(in.name(), in.datatype(),
                new long[] {rows.size(), width}, data)));
        if (!inFlight.tryAcquire()) {
            count("busy", rows.size());
            return Mono.just(decided);
        }
        return stages.postBestEffort("inference", OipPaths.infer(features.modelName(), version) + "?explain=true",
                        request, InferResponse.class, properties.explainTimeout())
                .map(answer -> {
                    count("ok", rows.size());
                    return attach(decided, rowOf, rows, answer);
                })
                .onErrorResume(e -> {
                    boolean late = e instanceof TimeoutException;
                    count(late ? "timeout" : "failed", rows.size());
                    log.warn("alerts stored without explanation: {}", late
                            ? "no explanation within " + properties.explainTimeout().toMillis() + " ms" : e.getMessage());
                    return Mono.just(decided);
                })
                .doFinally(signal -> inFlight.release());
    }

    private DecisionResponse attach(DecisionResponse decided, Map<String, Integer> rowOf, List<Integer> rows,
                                    InferResponse answer) {
        Object raw = answer.parameters() == null ? null : answer.parameters().get("explanations");
        if (raw == null) {
            return decided;
        }
        List<List<Explanation>> explained = json.convertValue(raw, ROWS);
        List<AlertEvent> alerts = new ArrayList<>(decided.alerts().size());
        for (AlertEvent a : decided.alerts()) {
            Integer row = a.event() == AlertEventType.RAISED ? rowOf.get(rowKey(a)) : null;
            int j = row == null ? -1 : rows.indexOf(row);
            Explanation why = j < 0 || j >= explained.size() ? null : explained.get(j).stream()
                    .filter(e -> e.label().equals(explainedLabel(a.mode()))).findFirst().orElse(null);
            alerts.add(why == null ? a : a.withExplanation(why));
        }
        return new DecisionResponse(decided.modelName(), decided.modelVersion(), decided.decisions(), alerts);
    }

    /** The output that explains an alert: its own label, or for a RUL model's {@code rul_low} the RUL itself. */
    private static String explainedLabel(String mode) {
        return Regression.ALERT_LABEL.equals(mode) ? Regression.RUL : mode;
    }

    private static String rowKey(AlertEvent a) {
        return a.deviceId() + '\u0000' + a.timestamp();
    }
}

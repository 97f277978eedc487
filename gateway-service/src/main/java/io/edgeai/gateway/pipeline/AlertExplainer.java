package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.explain.Explanation;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.contracts.oip.InferRequest;
import io.edgeai.contracts.oip.InferResponse;
import io.edgeai.contracts.oip.OipPaths;
import io.edgeai.gateway.client.StageClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * is an aid, not the decision: when inference cannot give one, the alert is stored without it.
 */
@Component
public class AlertExplainer {

    private static final Logger log = LoggerFactory.getLogger(AlertExplainer.class);
    private static final TypeReference<List<List<Explanation>>> ROWS = new TypeReference<>() {
    };

    private final StageClient stages;
    private final JsonMapper json;

    public AlertExplainer(StageClient stages, JsonMapper json) {
        this.stages = stages;
        this.json = json;
    }

    /** {@code decided} with an explanation on each RAISED event whose reading is in this batch. */
    Mono<DecisionResponse> explain(FeatureResponse features, String version, DecisionResponse decided) {
        Map<Instant, Integer> rowOf = new LinkedHashMap<>();
        for (AlertEvent a : decided.alerts()) {
            if (a.event() == AlertEventType.RAISED && a.explanation() == null) {
                for (int i = 0; i < features.readings().size(); i++) {
                    if (features.readings().get(i).timestamp().equals(a.timestamp())) {
                        rowOf.putIfAbsent(a.timestamp(), i);
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
        int width = (int) in.shape()[1];
        float[] data = new float[rows.size() * width];
        for (int j = 0; j < rows.size(); j++) {
            System.arraycopy(in.data(), rows.get(j) * width, data, j * width, width);
        }
        InferRequest request = new InferRequest(null, List.of(new InferRequest.Input(in.name(), in.datatype(),
                new long[] {rows.size(), width}, data)));
        return stages.post("inference", OipPaths.infer(features.modelName(), version) + "?explain=true", request,
                        InferResponse.class)
                .map(answer -> attach(decided, rowOf, rows, answer))
                .onErrorResume(e -> {
                    log.warn("alerts stored without explanation: {}", e.getMessage());
                    return Mono.just(decided);
                });
    }

    private DecisionResponse attach(DecisionResponse decided, Map<Instant, Integer> rowOf, List<Integer> rows,
                                    InferResponse answer) {
        Object raw = answer.parameters() == null ? null : answer.parameters().get("explanations");
        if (raw == null) {
            return decided;
        }
        List<List<Explanation>> explained = json.convertValue(raw, ROWS);
        List<AlertEvent> alerts = new ArrayList<>(decided.alerts().size());
        for (AlertEvent a : decided.alerts()) {
            Integer row = a.event() == AlertEventType.RAISED ? rowOf.get(a.timestamp()) : null;
            int j = row == null ? -1 : rows.indexOf(row);
            Explanation why = j < 0 || j >= explained.size() ? null : explained.get(j).stream()
                    .filter(e -> e.label().equals(a.mode())).findFirst().orElse(null);
            alerts.add(why == null ? a : a.withExplanation(why));
        }
        return new DecisionResponse(decided.modelName(), decided.modelVersion(), decided.decisions(), alerts);
    }
}

package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.pipeline.IngestPipeline.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A batch's stage answers cut back into the requests that made it up ({@link IngestBatcher}). */
final class BatchSplit {

    /** One request of the batch: its device and readings, in batch order. */
    record Owner(String deviceId, List<Reading> readings) {
    }

    private BatchSplit() {
    }

    /** Each request's rows of the batch's features and decisions, and the alert events of its readings. */
    static List<Part> split(List<Owner> requests, FeatureResponse features, DecisionResponse decided) {
        int total = requests.stream().mapToInt(r -> r.readings().size()).sum();
        if (features.readings().size() != total || decided.decisions().size() != total) {
            throw StageException.unavailable("postprocessing", "answered " + decided.decisions().size()
                    + " decisions for " + total + " readings", null);
        }
        Map<String, Integer> owner = new HashMap<>();
        List<List<AlertEvent>> alerts = new ArrayList<>(requests.size());
        for (int r = 0, row = 0; r < requests.size(); r++) {
            alerts.add(new ArrayList<>());
            for (int i = 0; i < requests.get(r).readings().size(); i++, row++) {
                ReadingMetadata m = features.readings().get(row);
                owner.putIfAbsent(m.deviceId() + '\u0000' + m.timestamp(), r);
            }
        }
        for (AlertEvent a : decided.alerts()) {
            Integer r = owner.get(a.deviceId() + '\u0000' + a.timestamp());
            alerts.get(r == null ? firstOf(requests, a.deviceId()) : r).add(a);
        }
        List<Part> parts = new ArrayList<>(requests.size());
        for (int r = 0, row = 0; r < requests.size(); r++) {
            Owner request = requests.get(r);
            int n = request.readings().size();
            FeatureResponse rows = new FeatureResponse(features.modelName(), features.modelVersion(),
                    features.featureNames(), null, features.readings().subList(row, row + n));
            DecisionResponse own = new DecisionResponse(decided.modelName(), decided.modelVersion(),
                    decided.decisions().subList(row, row + n), alerts.get(r));
            parts.add(new Part(request.deviceId(), request.readings(), rows, own));
            row += n;
        }
        return parts;
    }

    private static int firstOf(List<Owner> requests, String deviceId) {
        for (int r = 0; r < requests.size(); r++) {
            if (requests.get(r).deviceId().equals(deviceId)) {
                return r;
            }
        }
        return 0;
    }
}

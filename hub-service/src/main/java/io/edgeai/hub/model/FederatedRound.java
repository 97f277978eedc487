package io.edgeai.hub.model;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A federated round: the latest version each site published of a model (or the versions named), all of the same
 * architecture and feature spec, averaged weighted by training rows into a new hub version whose evaluation block
 * says who contributed with what weight. Each site then gates the result on its own data before serving it.
 */
@Component
public class FederatedRound {

    private static final Logger log = LoggerFactory.getLogger(FederatedRound.class);

    private final ModelStore store;

    public FederatedRound(ModelStore store) {
        this.store = store;
    }

    ModelStore.Entry run(String model, List<Long> versions) {
        List<ModelStore.Entry> members = versions == null || versions.isEmpty() ? latestPerSite(model)
                : versions.stream().map(v -> store.entry(model, v)).toList();
        if (members.size() < 2) {
            throw InvalidRequestException.of("versions", "a federated round needs versions of at least two sites; "
                    + model + " has " + members.size());
        }
        ModelStore.Entry first = members.get(0);
        List<ModelWeights> weights = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Map<String, Object>> contributors = new ArrayList<>();
        long total = members.stream().mapToLong(ModelStore.Entry::rows).sum();
        for (ModelStore.Entry m : members) {
            for (String key : List.of("architecture", "feature_spec", "labels")) {
                if (!Objects.equals(m.config().get(key), first.config().get(key))) {
                    throw InvalidRequestException.of("versions", "version " + m.version() + " differs from version "
                            + first.version() + " in " + key + "; only the same architecture can be averaged");
                }
            }
            ModelWeights w = store.weights(m);
            if (!weights.isEmpty() && !w.sameLayout(weights.get(0))) {
                throw new InvalidRequestException(List.of(new FieldViolation("versions", "version " + m.version()
                        + " has other parameter names or shapes than version " + first.version())));
            }
            weights.add(w);
            rows.add(m.rows());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("site", m.site());
            c.put("version", m.version());
            c.put("rows", m.rows());
            c.put("weight", Math.round(1e6 * m.rows() / (double) total) / 1e6);
            contributors.add(c);
        }
        ModelWeights averaged = FederatedAverage.of(weights, rows);
        Map<String, Object> config = new LinkedHashMap<>(first.config());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "FedAvg: each parameter is the training-row-weighted mean of the contributors'");
        report.put("contributors", contributors);
        report.put("rows", total);
        config.put("evaluation", Map.of("federated", report));
        config.put("description", "Federated average of " + members.size() + " sites' versions of " + model + ".");
        String source = "federated round over " + contributors.stream()
                .map(c -> c.get("site") + "@" + c.get("version")).toList();
        ModelStore.Entry entry = store.add(model, null, ModelStore.FEDERATED, config, averaged, total, source);
        log.info("federated round of {}: version {} from {}", model, entry.version(), source);
        return entry;
    }

    private List<ModelStore.Entry> latestPerSite(String model) {
        Map<String, ModelStore.Entry> latest = new LinkedHashMap<>();
        for (ModelStore.Entry e : store.list(model)) {
            if (ModelStore.PUBLISHED.equals(e.kind())) {
                latest.put(e.site(), e);
            }
        }
        return new ArrayList<>(latest.values());
    }
}

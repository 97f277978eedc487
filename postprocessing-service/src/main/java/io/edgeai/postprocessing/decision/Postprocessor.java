package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.decision.ReadingDecision;
import io.edgeai.contracts.decision.Status;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.modelclient.ModelConfig;
import io.edgeai.modelclient.ModelConfigCache;
import io.edgeai.modelclient.UnknownModelException;
import io.edgeai.postprocessing.alerting.AlertStateRebuild;
import io.edgeai.postprocessing.alerting.AlertTracker;
import io.edgeai.postprocessing.notification.WebhookNotifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Runs a batch through postprocessing: validate everything first (a bad request changes no state), rebuild the alert
 * state of devices this instance does not hold, then per reading in order: thresholds for its machine type, its
 * status, and the alert events its device's history now warrants.
 */
@Component
public class Postprocessor {

    private final DecisionRequestValidator validator;
    private final ModelConfigCache<ModelConfig> configs;
    private final ThresholdPolicy thresholds;
    private final ReadingClassifier classifier;
    private final AlertTracker alerts;
    private final AlertStateRebuild rebuild;
    private final WebhookNotifier notifier;
    private final RulDecisions rul;
    private final Map<Status, Counter> statusCounters = new EnumMap<>(Status.class);
    private final Timer timer;

    public Postprocessor(DecisionRequestValidator validator, ModelConfigCache<ModelConfig> configs,
                         ThresholdPolicy thresholds, ReadingClassifier classifier, AlertTracker alerts,
                         AlertStateRebuild rebuild, WebhookNotifier notifier, RulDecisions rul,
                         MeterRegistry meters) {
        this.rul = rul;
        this.validator = validator;
        this.configs = configs;
        this.thresholds = thresholds;
        this.classifier = classifier;
        this.alerts = alerts;
        this.rebuild = rebuild;
        this.notifier = notifier;
        for (Status s : Status.values()) {
            statusCounters.put(s, Counter.builder("edge.postprocessing.decisions").tag("status", s.name())
                    .description("Readings decided, by status").register(meters));
        }
        this.timer = Timer.builder("edge.postprocessing.batch").description("Time to decide one request")
                .register(meters);
    }

    public DecisionResponse decide(DecisionRequest request) {
        return timer.record(() -> decideTimed(request));
    }

    private DecisionResponse decideTimed(DecisionRequest request) {
        validator.checkShape(request);
        ModelConfig config = config(request);
        if (config.regression() != null) {
            DecisionResponse answer = rul.decide(request, config, request.modelVersion() != null
                    ? request.modelVersion() : config.version());
            answer.decisions().forEach(d -> statusCounters.get(d.status()).increment());
            notifier.publish(answer.alerts());
            return answer;
        }
        List<String> labels = request.labels() != null ? request.labels() : config.labels();
        if (labels.isEmpty()) {
            throw InvalidRequestException.of("labels",
                    "model.json of " + request.modelName() + " lists no labels; send labels");
        }
        String outputName = config.firstOutputName();
        double[][] rows = validator.rows(request, labels, outputName);
        String version = request.modelVersion() != null ? request.modelVersion() : config.version();
        // Devices this instance does not hold (a restart, an eviction) get their alert state from data-shard first.
        rebuild.prepare(request.readings(), labels, type -> thresholds.forModel(config, labels, type),
                request.modelName(), version);

        List<ReadingDecision> decisions = new ArrayList<>(rows.length);
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ReadingMetadata r = request.readings().get(i);
            double[] p = rows[i];
            Threshold[] t = thresholds.forModel(config, labels, r.machineType());
            Status status = classifier.status(labels, p, t);
            int mode = classifier.mostLikelyMode(labels, p);
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (int j = 0; j < p.length; j++) {
                byLabel.put(labels.get(j), p[j]);
            }
            decisions.add(new ReadingDecision(i, r.deviceId(), r.timestamp(), status, byLabel, labels.get(mode),
                    p[mode]));
            statusCounters.get(status).increment();
            events.addAll(alerts.observe(r, labels, p, t, request.modelName(), version));
        }
        notifier.publish(events);
        return new DecisionResponse(request.modelName(), version, decisions, events);
    }

    private ModelConfig config(DecisionRequest request) {
        try {
            return configs.get(request.modelName(), request.modelVersion());
        } catch (UnknownModelException e) {
            throw InvalidRequestException.of(request.modelVersion() == null ? "modelName" : "modelVersion",
                    e.getMessage());
        }
    }
}

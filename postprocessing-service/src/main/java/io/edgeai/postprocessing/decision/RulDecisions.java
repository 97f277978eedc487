package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.decision.ReadingDecision;
import io.edgeai.contracts.decision.Status;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.modelclient.ModelConfig;
import io.edgeai.postprocessing.alerting.AlertRule;
import io.edgeai.postprocessing.alerting.AlertStateRebuild;
import io.edgeai.postprocessing.alerting.AlertTracker;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decisions of a remaining-useful-life model (model.json has a {@code regression} block): the status of a reading
 * is FAILURE_PREDICTED when its predicted RUL is below the rule's level, WARNING below the clear level, else NORMAL;
 * the {@code rul_low} alert is raised and cleared by the same k-of-n debounce and hysteresis as every alert. The
 * rule is {@code edge.postprocessing.rul-alerts.<model>} when set, else model.json's {@code regression.alert}.
 */
@Component
public class RulDecisions {

    private static final List<String> ALERT_LABELS = List.of(Regression.ALERT_LABEL);

    private final DecisionRequestValidator validator;
    private final AlertTracker alerts;
    private final AlertStateRebuild rebuild;
    private final Map<String, Regression.RulAlert> overrides;

    public RulDecisions(DecisionRequestValidator validator, AlertTracker alerts, AlertStateRebuild rebuild,
                        PostprocessingProperties properties) {
        this.validator = validator;
        this.alerts = alerts;
        this.rebuild = rebuild;
        this.overrides = properties.rulAlerts();
    }

    /** The rule applied to a model's readings, or null when neither config nor model.json has one. */
    public Regression.RulAlert rule(String modelName, ModelConfig config) {
        Regression.RulAlert override = overrides.get(modelName);
        return override != null ? override : config.regression().alert();
    }

    public DecisionResponse decide(DecisionRequest request, ModelConfig config, String version) {
        List<String> labels = request.labels() != null ? request.labels() : config.labels();
        int rul = labels.indexOf(Regression.RUL);
        if (rul < 0) {
            throw new InvalidRequestException(List.of(new FieldViolation("labels", "a remaining-useful-life model's"
                    + " outputs need a column labelled " + Regression.RUL + ", labels were " + labels)));
        }
        double[][] rows = validator.rows(request, labels, config.firstOutputName(), true);
        Regression.RulAlert rule = rule(request.modelName(), config);
        AlertRule[] rules = rule == null ? null : new AlertRule[] {AlertRule.rulBelow(rule)};
        if (rules != null) {
            rebuild.prepareRules(request.readings(), ALERT_LABELS, type -> rules, request.modelName(), version);
        }
        List<ReadingDecision> decisions = new ArrayList<>(rows.length);
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ReadingMetadata r = request.readings().get(i);
            double value = rows[i][rul];
            Status status = rule == null ? Status.NORMAL : value < rule.below() ? Status.FAILURE_PREDICTED
                    : value < rule.clearAbove() ? Status.WARNING : Status.NORMAL;
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (int j = 0; j < labels.size(); j++) {
                byLabel.put(labels.get(j), rows[i][j]);
            }
            decisions.add(new ReadingDecision(i, r.deviceId(), r.timestamp(), status, byLabel, null, null));
            if (rules != null) {
                events.addAll(alerts.observe(r, ALERT_LABELS, new double[] {value}, rules, request.modelName(),
                        version));
            }
        }
        return new DecisionResponse(request.modelName(), version, decisions, events);
    }
}

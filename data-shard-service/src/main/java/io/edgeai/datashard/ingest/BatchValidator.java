package io.edgeai.datashard.ingest;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.storage.StorageBatch.Prediction;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.datashard.config.StoreProperties;
import io.edgeai.datashard.web.FieldRules;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a whole batch before any of it is written; a refused batch names every bad field. */
@Component
public class BatchValidator {

    static final int MAX_SENSORS = 100;
    static final int MAX_CLASSES = 64;
    /**
     * FP32 softmax outputs widened to double can land a hair outside [0, 1]; refusing them would make the gateway's
     * spool drop the whole batch (a 4xx is final for it), readings included.
     */
    static final double PROBABILITY_SLACK = 1e-6;
    static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final int maxRecords;

    public BatchValidator(StoreProperties store) {
        this.maxRecords = store.maxBatchRecords();
    }

    /** Returns the violations (empty when the batch is fine). */
    public FieldRules validate(StorageBatch batch) {
        FieldRules rules = new FieldRules();
        if (batch == null) {
            rules.add("body", "is required");
            return rules;
        }
        rules.id("batchId", batch.batchId(), 128);
        if (batch.size() == 0) {
            rules.add("readings", "a batch needs at least one reading, prediction or alert event");
        } else if (batch.size() > maxRecords) {
            rules.add("readings", "a batch may carry at most " + maxRecords + " records, this one has "
                    + batch.size());
            return rules;
        }
        List<Reading> readings = batch.readings();
        for (int i = 0; i < readings.size(); i++) {
            reading(rules, "readings[" + i + "]", readings.get(i));
        }
        List<Prediction> predictions = batch.predictions();
        for (int i = 0; i < predictions.size(); i++) {
            prediction(rules, "predictions[" + i + "]", predictions.get(i));
        }
        List<AlertEvent> alerts = batch.alerts();
        for (int i = 0; i < alerts.size(); i++) {
            alert(rules, "alerts[" + i + "]", alerts.get(i));
        }
        return rules;
    }

    private void reading(FieldRules rules, String at, Reading r) {
        if (r == null) {
            rules.add(at, "must not be null");
            return;
        }
        rules.deviceId(at + ".deviceId", r.deviceId());
        rules.time(at + ".timestamp", r.timestamp());
        rules.optionalText(at + ".machineType", r.machineType(), 16);
        Map<String, Reading.Measurement> sensors = r.sensors();
        if (sensors == null || sensors.isEmpty()) {
            rules.add(at + ".sensors", "needs at least one sensor");
            return;
        }
        if (sensors.size() > MAX_SENSORS) {
            rules.add(at + ".sensors", "may hold at most " + MAX_SENSORS + " sensors");
            return;
        }
        sensors.forEach((name, m) -> {
            String field = at + ".sensors." + name;
            if (!SENSOR_NAME.matcher(name).matches()) {
                rules.add(field, "sensor names are 1..64 letters, digits and _ . -");
            } else if (m == null || m.value() == null) {
                rules.add(field + ".value", "is required");
            } else if (!Double.isFinite(m.value())) {
                rules.add(field + ".value", "must be a finite number");
            } else {
                rules.optionalText(field + ".unit", m.unit(), 16);
            }
        });
    }

    private void prediction(FieldRules rules, String at, Prediction p) {
        if (p == null) {
            rules.add(at, "must not be null");
            return;
        }
        if (p.id() != null) {
            rules.text(at + ".id", p.id(), 200);
        }
        rules.deviceId(at + ".deviceId", p.deviceId());
        rules.time(at + ".timestamp", p.timestamp());
        rules.text(at + ".model", p.model(), 128);
        rules.text(at + ".version", p.version(), 32);
        rules.text(at + ".status", p.status(), 32);
        Map<String, Double> probabilities = p.probabilities();
        if (probabilities == null || probabilities.isEmpty()) {
            rules.add(at + ".probabilities", "needs a probability per class");
            return;
        }
        if (probabilities.size() > MAX_CLASSES) {
            rules.add(at + ".probabilities", "may hold at most " + MAX_CLASSES + " classes");
            return;
        }
        probabilities.forEach((label, value) -> {
            String field = at + ".probabilities." + label;
            if (label.isBlank() || label.length() > 64) {
                rules.add(field, "class labels are 1..64 characters");
            } else if (Regression.LABELS.contains(label)) {
                // a remaining-useful-life model's outputs are cycles or hours, not probabilities
                if (value == null || !Double.isFinite(value) || value < 0) {
                    rules.add(field, "must be a remaining useful life, a finite number of 0 or more");
                }
            } else if (value == null || !Double.isFinite(value) || value < -PROBABILITY_SLACK
                    || value > 1 + PROBABILITY_SLACK) {
                rules.add(field, "must be a probability between 0 and 1");
            }
        });
    }

    private void alert(FieldRules rules, String at, AlertEvent a) {
        if (a == null) {
            rules.add(at, "must not be null");
            return;
        }
        rules.alertId(at + ".alertId", a.alertId());
        rules.deviceId(at + ".deviceId", a.deviceId());
        rules.time(at + ".timestamp", a.timestamp());
        if (a.event() == null) {
            rules.add(at + ".event", "must be RAISED or CLEARED");
        }
        if (a.event() == AlertEventType.RAISED) {
            rules.text(at + ".severity", a.severity(), 16);
        } else {
            rules.optionalText(at + ".severity", a.severity(), 16);
        }
        rules.text(at + ".mode", a.mode(), 64);
    }
}

package io.edgeai.postprocessing.alerting;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.contracts.storage.HistoryLookup;
import io.edgeai.contracts.storage.RecentHistory;
import io.edgeai.contracts.storage.RecentHistoryClient;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the alert state of devices this instance does not hold (after a restart, an eviction, or on a replica
 * that has not seen them) from data-shard, before their readings are observed, so an alert open before a restart is
 * cleared once and not raised a second time.
 *
 * <p>data-shard is the record of what postprocessing decided: its alerts and the probabilities of each stored
 * prediction. Per label, the open alert (not cleared, acknowledged or not) is taken as open here, with its id,
 * severity and raise time; then the device's last {@code max(raise-n, clear-m)} stored predictions of this model,
 * after that raise or after the label's last clear (a clear resets the k-of-n memory), are replayed through the
 * thresholds of now into the k-of-n window and the run below low. The replay emits nothing.
 *
 * <p>What it cannot see: readings still in the gateway's spool (normally milliseconds; longer while data-shard is
 * down), so an alert raised in the last such batch before a restart may be raised again under a new id. When
 * data-shard cannot answer, the devices start with no state (as before this existed) and no device is looked up
 * for {@code rebuild.retry-after}; counted in {@code edge.postprocessing.alerting.rebuilds{outcome}}.
 */
@Component
public class AlertStateRebuild {

    private final AlertTracker tracker;
    private final PostprocessingProperties.Alerting alerting;
    private final PostprocessingProperties.Rebuild settings;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final HistoryLookup lookups;

    public AlertStateRebuild(AlertTracker tracker, RecentHistoryClient history, PostprocessingProperties properties,
                             MeterRegistry meters) {
        this.tracker = tracker;
        this.alerting = properties.alerting();
        this.settings = properties.rebuild();
        this.lookups = new HistoryLookup(history, settings.retryAfter(), "alert state", AlertStateRebuild.class);
        for (String outcome : List.of("rebuilt", "empty", "failed", "skipped")) {
            outcomes.put(outcome, Counter.builder("edge.postprocessing.alerting.rebuilds").tag("outcome", outcome)
                    .description("Devices first seen by this instance whose alert state was looked up in data-shard:"
                            + " rebuilt, empty (nothing stored), failed (data-shard did not answer), skipped"
                            + " (data-shard failed recently)")
                    .register(meters));
        }
    }

    /**
     * Rebuilds the state of the devices of these readings that the tracker does not hold, from their history
     * before their first reading here.
     *
     * @param thresholds the thresholds of a machine type, in label order
     */
    public void prepare(List<ReadingMetadata> readings, List<String> labels,
                        Function<String, Threshold[]> thresholds, String modelName, String modelVersion) {
        prepareRules(readings, labels, type -> AlertTracker.rules(labels, thresholds.apply(type)), modelName,
                modelVersion);
    }

    /** As {@link #prepare}, with each label's rule (a RUL model's {@code rul_low} reads the stored {@code rul}). */
    public void prepareRules(List<ReadingMetadata> readings, List<String> labels,
                             Function<String, AlertRule[]> thresholds, String modelName, String modelVersion) {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Instant> first = HistoryLookup.firstSeen(readings, ReadingMetadata::deviceId,
                ReadingMetadata::timestamp);
        Set<String> unknown = tracker.unknown(first.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        HistoryLookup.Result lookup = lookups.fetch(unknown, first, Math.max(alerting.raiseN(), alerting.clearM()));
        if (!lookup.outcome().equals("asked")) {
            outcomes.get(lookup.outcome()).increment(unknown.size());
            return;
        }
        Map<String, RecentHistory.DeviceHistory> found = lookup.found();
        for (String device : unknown) {
            RecentHistory.DeviceHistory h = found.get(device);
            if (h == null || (h.readings().isEmpty() && h.alerts().isEmpty())) {
                outcomes.get("empty").increment();
                continue;
            }
            tracker.adopt(device, replay(h, labels, thresholds, modelName, modelVersion));
            outcomes.get("rebuilt").increment();
        }
    }

    /** The device's state as the tracker would hold it after these stored decisions; emits no event. */
    DeviceAlertState replay(RecentHistory.DeviceHistory h, List<String> labels,
                            Function<String, AlertRule[]> thresholds, String modelName, String modelVersion) {
        Map<Instant, StorageBatch.Prediction> predictions = new HashMap<>();
        for (StorageBatch.Prediction p : h.predictions()) {
            if (modelName.equals(p.model())) {
                predictions.put(p.timestamp(), p); // oldest first: a later version's prediction wins
            }
        }
        DeviceAlertState state = new DeviceAlertState();
        if (!h.readings().isEmpty()) {
            state.lastTimestamp = h.readings().get(h.readings().size() - 1).timestamp();
        }
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            DeviceAlertState.ModeState mode = state.mode(label, alerting.raiseN());
            RecentHistory.AlertState open = null;
            Instant lastClear = null;
            for (RecentHistory.AlertState a : h.alerts()) {
                if (!label.equals(a.mode())) {
                    continue;
                }
                if (a.open() && a.raisedAt() != null && (open == null || a.raisedAt().isAfter(open.raisedAt()))) {
                    open = a;
                } else if (!a.open() && a.clearedAt() != null
                        && (lastClear == null || a.clearedAt().isAfter(lastClear))) {
                    lastClear = a.clearedAt();
                }
            }
            Instant resetAt = lastClear;
            if (open != null) {
                mode.open = new AlertEvent(open.alertId(), h.deviceId(), label, AlertEventType.RAISED,
                        open.severity(), null, null, open.raisedAt(), open.raisedAt(), null, modelName, modelVersion);
                resetAt = open.raisedAt();
            }
            for (var reading : h.readings()) {
                StorageBatch.Prediction p = predictions.get(reading.timestamp());
                AlertRule t = thresholds.apply(reading.machineType())[i];
                Double probability = p == null || p.probabilities() == null ? null
                        : p.probabilities().get(t.source());
                if (probability == null || (resetAt != null && !reading.timestamp().isAfter(resetAt))) {
                    continue;
                }
                mode.push(t.raises(probability));
                mode.belowRun = t.clears(probability) ? mode.belowRun + 1 : 0;
            }
        }
        return state;
    }
}

package io.edgeai.postprocessing.alerting;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Turns each device's stream of probabilities into alert events, with noise suppression:
 * <ul>
 *   <li>RAISED when a mode was at or above its high threshold in k of the device's last n readings;</li>
 *   <li>CLEARED after m consecutive readings below its low threshold;</li>
 *   <li>the same for a falling {@link AlertRule} (a RUL below N raises, at or above the clear level clears);</li>
 *   <li>at most one open alert per device and mode;</li>
 *   <li>a reading not newer than the device's last one (a replay or a late arrival) changes no alert state.</li>
 * </ul>
 * State is bounded to {@code max-devices} devices; the least recently seen is evicted (counted in
 * {@code edge.postprocessing.alerting.evictions}). A device whose state is not held here (never seen, evicted, or
 * lost in a restart) gets it rebuilt from data-shard before its readings are observed ({@link AlertStateRebuild}).
 */
@Component
public class AlertTracker {

    private final PostprocessingProperties.Alerting settings;
    private final MeterRegistry meters;
    private final Map<String, DeviceAlertState> devices;
    private final AtomicInteger openAlerts = new AtomicInteger();
    private final Counter evictions;
    private final Counter outOfOrder;

    public AlertTracker(PostprocessingProperties properties, MeterRegistry meters) {
        this.settings = properties.alerting();
        this.meters = meters;
        this.evictions = Counter.builder("edge.postprocessing.alerting.evictions")
                .description("Device alert states forgotten because more than max-devices devices were active")
                .register(meters);
        this.outOfOrder = Counter.builder("edge.postprocessing.alerting.out.of.order")
                .description("Readings not newer than their device's last one; they got a status but moved no alert")
                .register(meters);
        int capacity = settings.maxDevices();
        this.devices = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeviceAlertState> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                evictions.increment();
                synchronized (eldest.getValue()) {
                    eldest.getValue().modes.values().forEach(m -> {
                        if (m.open != null) {
                            openAlerts.decrementAndGet();
                        }
                    });
                }
                return true;
            }
        };
        Gauge.builder("edge.postprocessing.alerting.devices", this, AlertTracker::deviceCount)
                .description("Devices whose alert state is held").register(meters);
        Gauge.builder("edge.postprocessing.alerts.open", openAlerts, AtomicInteger::get)
                .description("Alerts currently open").register(meters);
    }

    /** Feeds one reading's probabilities; returns the alert events it caused, in label order. */
    public List<AlertEvent> observe(ReadingMetadata reading, List<String> labels, double[] p, Threshold[] thresholds,
                                    String modelName, String modelVersion) {
        return observe(reading, labels, p, rules(labels, thresholds), modelName, modelVersion);
    }

    /** The probability rules of these thresholds, in label order. */
    public static AlertRule[] rules(List<String> labels, Threshold[] thresholds) {
        AlertRule[] rules = new AlertRule[thresholds.length];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = AlertRule.of(labels.get(i), thresholds[i]);
        }
        return rules;
    }

    /** Feeds one reading's values (one per label, each judged by its rule); returns the events, in label order. */
    public List<AlertEvent> observe(ReadingMetadata reading, List<String> labels, double[] p, AlertRule[] rules,
                                    String modelName, String modelVersion) {
        DeviceAlertState state;
        synchronized (devices) {
            state = devices.computeIfAbsent(reading.deviceId(), d -> new DeviceAlertState());
        }
        List<AlertEvent> events = List.of();
        synchronized (state) {
            if (state.lastTimestamp != null && !reading.timestamp().isAfter(state.lastTimestamp)) {
                outOfOrder.increment();
                return events;
            }
            state.lastTimestamp = reading.timestamp();
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                DeviceAlertState.ModeState mode = state.mode(label, settings.raiseN());
                AlertRule t = rules[i];
                mode.push(t.raises(p[i]));
                mode.belowRun = t.clears(p[i]) ? mode.belowRun + 1 : 0;
                AlertEvent event = null;
                if (mode.open == null && mode.aboveCount() >= settings.raiseK()) {
                    Severity severity = t.critical(p[i], settings.criticalProbability()) ? Severity.CRITICAL
                            : Severity.MAJOR;
                    // ":" not "/": the id travels in URL paths (acknowledge) and data-shard accepts [A-Za-z0-9._:-] only.
                    String id = reading.deviceId() + ":" + label + ":" + reading.timestamp();
                    event = new AlertEvent(id, reading.deviceId(), label, AlertEventType.RAISED, severity.name(), p[i],
                            t.raise(), reading.timestamp(), reading.timestamp(), reading.machineType(), modelName,
                            modelVersion);
                    mode.open = event;
                    openAlerts.incrementAndGet();
                } else if (mode.open != null && mode.belowRun >= settings.clearM()) {
                    AlertEvent raised = mode.open;
                    event = new AlertEvent(raised.alertId(), reading.deviceId(), label, AlertEventType.CLEARED,
                            raised.severity(), p[i], t.clear(), reading.timestamp(), raised.raisedAt(),
                            reading.machineType(), modelName, modelVersion);
                    mode.open = null;
                    mode.reset(); // old highs must not help a single new spike raise again
                    openAlerts.decrementAndGet();
                }
                if (event != null) {
                    meters.counter("edge.postprocessing.alerts", "event", event.event().name(), "mode", label)
                            .increment();
                    if (events.isEmpty()) {
                        events = new ArrayList<>(2);
                    }
                    events.add(event);
                }
            }
        }
        return events;
    }

    /** The devices among these whose state this instance does not hold (new, evicted, or lost in a restart). */
    public Set<String> unknown(Collection<String> deviceIds) {
        Set<String> out = new LinkedHashSet<>();
        synchronized (devices) {
            for (String d : deviceIds) {
                if (!devices.containsKey(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Installs a device's rebuilt state, unless a request gave it one meanwhile (that one is newer). */
    void adopt(String deviceId, DeviceAlertState state) {
        synchronized (devices) {
            if (devices.containsKey(deviceId)) {
                return;
            }
            devices.put(deviceId, state);
        }
        synchronized (state) {
            state.modes.values().forEach(m -> {
                if (m.open != null) {
                    openAlerts.incrementAndGet();
                }
            });
        }
    }

    /** The open alerts (their RAISED events), of one device or of all when {@code deviceId} is null. */
    public List<AlertEvent> open(String deviceId) {
        List<DeviceAlertState> states;
        synchronized (devices) {
            states = deviceId == null ? new ArrayList<>(devices.values())
                    : devices.containsKey(deviceId) ? List.of(devices.get(deviceId)) : List.of();
        }
        List<AlertEvent> out = new ArrayList<>();
        for (DeviceAlertState s : states) {
            synchronized (s) {
                s.modes.values().stream().filter(m -> m.open != null).forEach(m -> out.add(m.open));
            }
        }
        out.sort(Comparator.comparing(AlertEvent::deviceId).thenComparing(AlertEvent::mode));
        return out;
    }

    private int deviceCount() {
        synchronized (devices) {
            return devices.size();
        }
    }
}

package io.edgeai.preprocessing.features;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.storage.HistoryLookup;
import io.edgeai.contracts.storage.RecentHistory;
import io.edgeai.contracts.storage.RecentHistoryClient;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.features.RollingWindow;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import io.edgeai.preprocessing.model.ServedModel;
import io.edgeai.preprocessing.validation.CheckedBatch;
import io.edgeai.preprocessing.validation.CheckedReading;
import io.edgeai.preprocessing.validation.ReadingValidator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the rolling windows this instance does not hold (after a restart, an eviction, a new model version, or on
 * a replica that has not seen the device) from data-shard, before the readings that need them are encoded, so the
 * features after a restart are the features without one.
 *
 * <p>A window holds the device's last {@code window.size} readings. data-shard keeps every reading the pipeline
 * stored, as sent; the device's last {@code size} readings before its first reading in this request are validated
 * and converted with the model's spec (one that no longer fits the spec is skipped) and pushed into a fresh window,
 * oldest first, exactly as encoding them would.
 *
 * <p>What it cannot see: readings still in the gateway's spool (normally milliseconds), and readings encoded here but
 * never stored (the pipeline failed after preprocessing, or a direct call to the features endpoint). When data-shard
 * cannot answer, the windows start empty (as before this existed) and no device is looked up for
 * {@code rebuild.retry-after}; counted in {@code edge.preprocessing.windows.rebuilds{outcome}}.
 */
@Component
public class WindowRebuild {

    private final DeviceWindows windows;
    private final ReadingValidator validator;
    private final PreprocessingProperties.Rebuild settings;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Counter replayed;
    private final HistoryLookup lookups;

    public WindowRebuild(DeviceWindows windows, RecentHistoryClient history, ReadingValidator validator,
                         PreprocessingProperties properties, MeterRegistry meters) {
        this.windows = windows;
        this.validator = validator;
        this.settings = properties.rebuild();
        this.lookups = new HistoryLookup(history, settings.retryAfter(), "rolling windows", WindowRebuild.class);
        for (String outcome : List.of("rebuilt", "empty", "failed", "skipped")) {
            outcomes.put(outcome, Counter.builder("edge.preprocessing.windows.rebuilds").tag("outcome", outcome)
                    .description("Device windows this instance did not hold, looked up in data-shard: rebuilt,"
                            + " empty (nothing stored), failed (data-shard did not answer), skipped (it failed"
                            + " recently)")
                    .register(meters));
        }
        this.replayed = Counter.builder("edge.preprocessing.windows.rebuilt.readings")
                .description("Stored readings pushed into rebuilt windows").register(meters);
    }

    /** Rebuilds the windows of this model version that the devices of these readings lack. */
    public void prepare(ServedModel model, List<CheckedReading> readings) {
        FeatureSpec.WindowSpec window = model.encoder().spec().window();
        if (!settings.enabled() || window == null) {
            return;
        }
        Map<String, Instant> first = HistoryLookup.firstSeen(readings, CheckedReading::deviceId,
                CheckedReading::timestamp);
        Set<String> unknown = windows.unknown(model, first.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        HistoryLookup.Result lookup = lookups.fetch(unknown, first, window.size());
        if (!lookup.outcome().equals("asked")) {
            outcomes.get(lookup.outcome()).increment(unknown.size());
            return;
        }
        Map<String, RecentHistory.DeviceHistory> found = lookup.found();
        for (String device : unknown) {
            RecentHistory.DeviceHistory h = found.get(device);
            if (h == null || h.readings().isEmpty()) {
                outcomes.get("empty").increment();
                continue;
            }
            windows.adopt(model, device, replay(model, h.readings()));
            outcomes.get("rebuilt").increment();
        }
    }

    /** A fresh window of the model's spec holding these stored readings (oldest first) that still fit the spec. */
    RollingWindow replay(ServedModel model, List<Reading> stored) {
        FeatureEncoder encoder = model.encoder();
        RollingWindow window = encoder.newWindow();
        for (Reading r : stored) {
            CheckedBatch checked = validator.validate(List.of(r), encoder.spec(), i -> "stored");
            if (!checked.valid()) {
                continue;
            }
            CheckedReading c = checked.readings().get(0);
            encoder.raw(c.sensors(), c.categoricals(), window);
            replayed.increment();
        }
        return window;
    }
}

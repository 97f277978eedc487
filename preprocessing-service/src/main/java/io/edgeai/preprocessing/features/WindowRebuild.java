package io.edgeai.preprocessing.features;

import io.edgeai.contracts.Reading;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(WindowRebuild.class);

    private final DeviceWindows windows;
    private final RecentHistoryClient history;
    private final ReadingValidator validator;
    private final PreprocessingProperties.Rebuild settings;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Counter replayed;
    private volatile long quietUntilNanos;
    private volatile boolean failing;

    public WindowRebuild(DeviceWindows windows, RecentHistoryClient history, ReadingValidator validator,
                         PreprocessingProperties properties, MeterRegistry meters) {
        this.windows = windows;
        this.history = history;
        this.validator = validator;
        this.settings = properties.rebuild();
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
        Map<String, Instant> first = new LinkedHashMap<>();
        for (CheckedReading r : readings) {
            first.merge(r.deviceId(), r.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> unknown = windows.unknown(model, first.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        if (System.nanoTime() < quietUntilNanos) {
            outcomes.get("skipped").increment(unknown.size());
            return;
        }
        Map<String, Instant> cuts = new LinkedHashMap<>();
        unknown.forEach(d -> cuts.put(d, first.get(d)));
        Map<String, RecentHistory.DeviceHistory> found;
        try {
            found = history.fetch(cuts, window.size());
        } catch (RecentHistoryClient.RecentHistoryUnavailableException e) {
            quietUntilNanos = System.nanoTime() + settings.retryAfter().toNanos();
            outcomes.get("failed").increment(unknown.size());
            if (!failing) {
                log.warn("Cannot rebuild rolling windows from data-shard ({}); windows of devices first seen in the"
                        + " next {} start empty", e.getMessage(), settings.retryAfter());
            }
            failing = true;
            return;
        }
        if (failing) {
            log.info("data-shard answers again: rolling windows of devices first seen are rebuilt from it");
            failing = false;
        }
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

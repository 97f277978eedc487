package io.edgeai.preprocessing.spec;

import io.edgeai.preprocessing.PreprocessingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The feature spec of each model, fetched from inference-service and cached.
 *
 * <p>An unpinned request uses the version inference-service serves now; that is re-checked every
 * {@code edge.preprocessing.spec-refresh} and the encoder is rebuilt only when the served version changes. A pinned
 * version's model.json never changes, so it is cached for good. When inference-service is unreachable the last known
 * spec keeps being used (the edge keeps working while a neighbour restarts).
 */
@Component
public class ModelSpecCache {

    private static final Logger log = LoggerFactory.getLogger(ModelSpecCache.class);
    private static final int MAX_PINNED = 64;

    private final ModelConfigClient client;
    private final PreprocessingProperties properties;
    private final Clock clock;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final Map<String, ServedModel> pinned = new ConcurrentHashMap<>();
    private final Counter versionChanges;
    private final Counter refreshFailures;

    @Autowired
    public ModelSpecCache(ModelConfigClient client, PreprocessingProperties properties, MeterRegistry meters) {
        this(client, properties, meters, Clock.systemUTC());
    }

    ModelSpecCache(ModelConfigClient client, PreprocessingProperties properties, MeterRegistry meters, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        this.versionChanges = Counter.builder("edge.preprocessing.spec.loads")
                .description("Feature specs loaded because a model version was new to this instance")
                .register(meters);
        this.refreshFailures = Counter.builder("edge.preprocessing.spec.refresh.failures")
                .description("Re-checks of the served model version that failed (the cached spec was kept)")
                .register(meters);
    }

    /** The model to encode for: {@code version} when given, else the version inference-service serves now. */
    public ServedModel get(String model, String version) {
        return get(model, version, false);
    }

    /**
     * Like {@link #get(String, String)}; with {@code recheck}, an unpinned model's served version is asked for now
     * instead of trusting the cached answer for up to {@code spec-refresh}. The gateway asks for that when
     * inference no longer serves the version the cached spec was for (just after a promotion or a rollback).
     */
    public ServedModel get(String model, String version, boolean recheck) {
        if (version != null) {
            ServedModel hit = pinned.get(model + "@" + version);
            if (hit != null) {
                return hit;
            }
            ServedModel loaded = ServedModel.of(model, client.fetch(model, version));
            versionChanges.increment();
            if (pinned.size() >= MAX_PINNED) {
                pinned.clear(); // rare: dozens of pinned versions; refetching is cheap and keeps memory bounded
            }
            pinned.put(model + "@" + version, loaded);
            return loaded;
        }
        Latest entry = latest.get(model);
        Instant now = clock.instant();
        if (!recheck && entry != null && entry.checkedAt.plus(properties.specRefresh()).isAfter(now)) {
            return entry.model;
        }
        synchronized (latest) {
            entry = latest.get(model);
            if (entry != null && (recheck ? !entry.checkedAt.isBefore(now)
                    : entry.checkedAt.plus(properties.specRefresh()).isAfter(now))) {
                return entry.model; // re-checked meanwhile by another request
            }
            return refresh(model, entry, now);
        }
    }

    private ServedModel refresh(String model, Latest previous, Instant now) {
        ModelConfig config;
        try {
            config = client.fetch(model, null);
        } catch (ModelUnavailableException e) {
            if (previous == null) {
                throw e;
            }
            refreshFailures.increment();
            log.warn("Could not re-check the served version of {}; keeping version {}: {}", model,
                    previous.model.version(), e.getMessage());
            latest.put(model, new Latest(previous.model, now));
            return previous.model;
        }
        ServedModel served = previous != null && previous.model.version() != null
                && previous.model.version().equals(config.version()) ? previous.model : ServedModel.of(model, config);
        if (served != (previous == null ? null : previous.model)) {
            versionChanges.increment();
            log.info("Encoding for {} version {} ({} features)", model, served.version(), served.encoder().width());
        }
        latest.put(model, new Latest(served, now));
        return served;
    }

    private record Latest(ServedModel model, Instant checkedAt) {
    }
}

package io.edgeai.modelclient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each model's config from inference-service, cached as the view a stage builds from it ({@code T}, e.g.
 * preprocessing's encoder or postprocessing's labels and thresholds).
 *
 * <p>An unpinned request uses the version inference-service serves now; that is re-checked every {@code refresh}
 * (or at once when the caller asks for a re-check) and the view is rebuilt only when the served version changes.
 * A pinned version's model.json never changes, so its view is kept for good (at most {@value #MAX_PINNED} of them).
 * When inference-service cannot be asked, the last known view keeps being used: the edge keeps working while a
 * neighbour restarts. Only the first fetch of a model fails with {@link ModelUnavailableException}.
 *
 * @param <T> what the stage builds from one version's config
 */
public class ModelConfigCache<T> {

    private static final Logger log = LoggerFactory.getLogger(ModelConfigCache.class);
    private static final int MAX_PINNED = 128;

    /** Told about loads and failed re-checks, e.g. to count them. */
    public interface Listener<T> {

        /** A version new to this cache was fetched and its view built. */
        default void loaded(String model, T view) {
        }

        /** A re-check of the served version failed and the last known view was kept. */
        default void refreshFailed(String model) {
        }
    }

    private final ModelConfigClient client;
    private final Duration refresh;
    private final BiFunction<String, ModelConfig, T> view;
    private final Listener<T> listener;
    private final Clock clock;
    private final Map<String, Served<T>> served = new ConcurrentHashMap<>();
    private final Map<String, T> pinned = new ConcurrentHashMap<>();

    /**
     * A cache over {@code client}; {@code view} builds a stage's view from the requested model name and its config
     * and may throw {@link ModelUnavailableException} for a config it cannot use.
     */
    public ModelConfigCache(ModelConfigClient client, Duration refresh, BiFunction<String, ModelConfig, T> view,
                            Listener<T> listener) {
        this(client, refresh, view, listener, Clock.systemUTC());
    }

    ModelConfigCache(ModelConfigClient client, Duration refresh, BiFunction<String, ModelConfig, T> view,
                     Listener<T> listener, Clock clock) {
        this.client = client;
        this.refresh = refresh;
        this.view = view;
        this.listener = listener;
        this.clock = clock;
    }

    /** The view of {@code version}, or of the version inference-service serves now when null. */
    public T get(String model, String version) {
        return get(model, version, false);
    }

    /**
     * Like {@link #get(String, String)}; with {@code recheck}, an unpinned model's served version is asked for now
     * instead of trusting the cached answer for up to {@code refresh} (the gateway asks for that when inference no
     * longer serves the version the cached view was for: just after a promotion or a rollback).
     *
     * @throws UnknownModelException     when inference-service does not know the model or version
     * @throws ModelUnavailableException when it cannot be asked and nothing is cached
     */
    public T get(String model, String version, boolean recheck) {
        return version != null ? pinned(model, version) : served(model, recheck);
    }

    private T pinned(String model, String version) {
        String key = model + "@" + version;
        T hit = pinned.get(key);
        if (hit != null) {
            return hit;
        }
        T loaded = view.apply(model, client.fetch(model, version));
        listener.loaded(model, loaded);
        if (pinned.size() >= MAX_PINNED) {
            pinned.clear(); // rare: dozens of pinned versions; refetching is cheap and keeps memory bounded
        }
        pinned.put(key, loaded);
        return loaded;
    }

    private T served(String model, boolean recheck) {
        Served<T> entry = served.get(model);
        Instant now = clock.instant();
        if (!recheck && entry != null && entry.checkedAt.plus(refresh).isAfter(now)) {
            return entry.view;
        }
        synchronized (served) {
            entry = served.get(model);
            if (entry != null && (recheck ? !entry.checkedAt.isBefore(now)
                    : entry.checkedAt.plus(refresh).isAfter(now))) {
                return entry.view; // re-checked meanwhile by another request
            }
            return refresh(model, entry, now);
        }
    }

    private T refresh(String model, Served<T> previous, Instant now) {
        Served<T> next;
        try {
            ModelConfig config = client.fetch(model, null);
            next = previous != null && previous.version != null && previous.version.equals(config.version())
                    ? new Served<>(previous.version, previous.view, now)
                    : new Served<>(config.version(), view.apply(model, config), now);
        } catch (ModelUnavailableException e) {
            if (previous == null) {
                throw e;
            }
            listener.refreshFailed(model);
            log.warn("Could not re-check the served version of {}; keeping version {}: {}", model, previous.version,
                    e.getMessage());
            served.put(model, new Served<>(previous.version, previous.view, now));
            return previous.view;
        }
        if (previous == null || next.view != previous.view) {
            listener.loaded(model, next.view);
        }
        served.put(model, next);
        return next.view;
    }

    private record Served<T>(String version, T view, Instant checkedAt) {
    }
}

package io.edgeai.inference.repository;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The versions being served, per model, and the hand-out of a version to a request. Requests read an immutable
 * snapshot per model without locking; {@link ModelRepository} replaces a model's snapshot in one step and the
 * versions that left it are retired, closed when their last in-flight request is answered.
 */
@Component
public class ServedVersions implements DisposableBean {

    private final Map<String, NavigableMap<Long, ModelVersion>> served = new ConcurrentHashMap<>();

    /**
     * A version of a model for one request: the given version, or the newest served one when {@code version} is
     * null. Close the lease when the answer is complete.
     *
     * @throws ModelNotFoundException when the model or version is not served
     */
    public Lease acquire(String model, String version) {
        while (true) {
            ModelVersion v = resolve(model, version);
            if (v.tryAcquire()) {
                return new Lease(v);
            }
            // retired between lookup and acquire: the snapshot has been swapped, look again
        }
    }

    /** The version a request would get, without holding it (for metadata). */
    public ModelVersion resolve(String model, String version) {
        NavigableMap<Long, ModelVersion> versions = served.get(model);
        if (versions == null) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        if (version == null || version.isEmpty()) {
            return versions.lastEntry().getValue();
        }
        ModelVersion v = null;
        try {
            v = versions.get(Long.parseLong(version));
        } catch (NumberFormatException e) {
            // not numeric: unknown like any other
        }
        if (v == null) {
            throw new ModelNotFoundException("unknown version '" + version + "' of model '" + model + "'");
        }
        return v;
    }

    /** Versions of a model being served, oldest first. */
    public List<Long> versions(String model) {
        NavigableMap<Long, ModelVersion> versions = served.get(model);
        if (versions == null) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        return List.copyOf(versions.keySet());
    }

    /** The served snapshot of a model, or null when none of its versions is served. */
    NavigableMap<Long, ModelVersion> snapshot(String model) {
        return served.get(model);
    }

    /** Models with at least one served version. */
    Set<String> models() {
        return Set.copyOf(served.keySet());
    }

    /**
     * Serves exactly {@code next} for a model (nothing when empty), then retires every version that left the
     * snapshot.
     */
    void replace(String model, NavigableMap<Long, ModelVersion> next) {
        NavigableMap<Long, ModelVersion> previous = next.isEmpty() ? served.remove(model)
                : served.put(model, Collections.unmodifiableNavigableMap(next));
        if (previous != null) {
            for (ModelVersion old : previous.values()) {
                if (next.get(old.version()) != old) {
                    old.retire();
                }
            }
        }
    }

    /** Stops serving a model; true when it was served. In-flight requests still get their answers. */
    boolean remove(String model) {
        NavigableMap<Long, ModelVersion> previous = served.remove(model);
        if (previous == null) {
            return false;
        }
        previous.values().forEach(ModelVersion::retire);
        return true;
    }

    @Override
    public void destroy() {
        models().forEach(this::remove);
    }
}

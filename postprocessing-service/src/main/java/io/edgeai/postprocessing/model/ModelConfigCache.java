package io.edgeai.postprocessing.model;

import io.edgeai.postprocessing.PostprocessingProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Labels and thresholds of each model version, fetched from inference-service and cached: a pinned version for good
 * (its model.json never changes), the served version for {@code edge.postprocessing.config-refresh}. The last known
 * config is kept when inference-service is unreachable.
 */
@Component
public class ModelConfigCache {

    private static final Logger log = LoggerFactory.getLogger(ModelConfigCache.class);
    private static final int MAX_ENTRIES = 128;

    private final ModelConfigClient client;
    private final PostprocessingProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ModelConfigCache(ModelConfigClient client, PostprocessingProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** The config of {@code model} at {@code version} (the served version when null). */
    public ModelConfig get(String model, String version) {
        String key = model + "@" + (version == null ? "" : version);
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && (version != null || entry.fetchedAt.plus(properties.configRefresh()).isAfter(now))) {
            return entry.config;
        }
        try {
            ModelConfig config = client.fetch(model, version);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // bounded memory; refetching is cheap
            }
            entries.put(key, new Entry(config, now));
            return config;
        } catch (ModelUnavailableException e) {
            if (entry == null) {
                throw e;
            }
            log.warn("Keeping the cached config of {}: {}", key, e.getMessage());
            entries.put(key, new Entry(entry.config, now));
            return entry.config;
        }
    }

    private record Entry(ModelConfig config, Instant fetchedAt) {
    }
}

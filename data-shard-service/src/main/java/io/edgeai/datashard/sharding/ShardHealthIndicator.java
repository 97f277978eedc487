package io.edgeai.datashard.sharding;

import io.edgeai.datashard.storage.ShardStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Actuator health of every owned shard: DOWN when any shard's database does not answer. */
@Component("shards")
public class ShardHealthIndicator implements HealthIndicator {

    private final ShardRegistry shards;

    public ShardHealthIndicator(ShardRegistry shards) {
        this.shards = shards;
    }

    @Override
    public Health health() {
        boolean allUp = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ShardStore store : shards.owned()) {
            boolean up = store.isHealthy();
            allUp &= up;
            details.put(String.format("shard-%02d", store.shard()),
                    Map.of("status", up ? "UP" : "DOWN", "location", store.location()));
        }
        return (allUp ? Health.up() : Health.down()).withDetails(details).build();
    }
}

package io.edgeai.datashard.sharding;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.datashard.config.ShardProperties;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/** Which shards this instance owns, and who owns the rest (shard s belongs to instance s mod instances). */
@Component
public class ShardOwnership {

    private final ShardProperties properties;
    private final List<Integer> owned;

    public ShardOwnership(ShardProperties properties) {
        this.properties = properties;
        this.owned = IntStream.range(0, properties.count())
                .filter(s -> ShardFunction.ownerOf(s, properties.instances()) == properties.ordinal())
                .boxed()
                .toList();
    }

    public List<Integer> ownedShards() {
        return owned;
    }

    public int shardOf(String deviceId) {
        return ShardFunction.shardOf(deviceId, properties.count());
    }

    public int ownerOf(int shard) {
        return ShardFunction.ownerOf(shard, properties.instances());
    }

    public boolean owns(int shard) {
        return ownerOf(shard) == properties.ordinal();
    }

    public ShardProperties properties() {
        return properties;
    }
}

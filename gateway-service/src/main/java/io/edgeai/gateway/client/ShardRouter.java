package io.edgeai.gateway.client;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.gateway.config.DataShardProperties;
import io.edgeai.gateway.config.DownstreamProperties;
import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which data-shard instance owns a device: shard = FNV-1a(deviceId) mod shard count, owner = shard mod instances,
 * the same functions data-shard-service uses. Owners come from {@code edge.data-shard.owners} (one base URI per
 * StatefulSet ordinal, in order); on one box the single data-shard service owns everything.
 */
@Component
public class ShardRouter {

    private final List<URI> owners;
    private final int shardCount;

    public ShardRouter(DownstreamProperties services, DataShardProperties dataShard) {
        this.owners = dataShard.owners().isEmpty() ? List.of(services.services().get("data-shard").uri())
                : dataShard.owners();
        this.shardCount = dataShard.shardCount();
    }

    /** The device's shard. */
    public int shardOf(String deviceId) {
        return ShardFunction.shardOf(deviceId, shardCount);
    }

    /** Index (StatefulSet ordinal) of the instance owning the device's shard. */
    public int ownerIndex(String deviceId) {
        return ShardFunction.ownerOf(shardOf(deviceId), owners.size());
    }

    /** Base URI of the instance owning the device's shard. */
    public URI ownerOf(String deviceId) {
        return owners.get(ownerIndex(deviceId));
    }

    public List<URI> owners() {
        return owners;
    }
}

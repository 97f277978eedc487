package io.edgeai.gateway.routing;

import io.edgeai.contracts.ShardFunction;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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

    public ShardRouter(DownstreamProperties services,
                       @Value("${edge.data-shard.owners:}") String owners,
                       @Value("${edge.data-shard.shard-count:16}") int shardCount) {
        List<URI> configured = Arrays.stream(owners.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList();
        this.owners = configured.isEmpty() ? List.of(services.services().get("data-shard").uri()) : configured;
        this.shardCount = shardCount;
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

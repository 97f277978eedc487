package io.edgeai.datashard.sharding;

import io.edgeai.datashard.config.ShardProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ownership map: which shard a device lives in and which instance serves it. */
@RestController
@RequestMapping("/api/v1/shards")
public class ShardController {

    private final ShardOwnership ownership;

    public ShardController(ShardOwnership ownership) {
        this.ownership = ownership;
    }

    /** The map of this deployment: shard count, instances, this instance's shards and every shard's owner. */
    @GetMapping
    public ShardMap map() {
        ShardProperties p = ownership.properties();
        Map<Integer, Integer> owners = new LinkedHashMap<>();
        for (int s = 0; s < p.count(); s++) {
            owners.put(s, ownership.ownerOf(s));
        }
        return new ShardMap(p.count(), p.instances(), p.ordinal(), ownership.ownedShards(), owners);
    }

    /** Where a device's data lives. */
    @GetMapping("/devices/{deviceId}")
    public DevicePlacement placement(@PathVariable String deviceId) {
        int shard = ownership.shardOf(deviceId);
        return new DevicePlacement(deviceId, shard, ownership.ownerOf(shard), ownership.owns(shard));
    }

    /** The shard layout of the deployment as seen by this instance. */
    public record ShardMap(int shardCount, int instances, int ordinal, List<Integer> ownedShards,
                           Map<Integer, Integer> owners) {
    }

    /** A device's shard, the instance that owns it, and whether that is this instance. */
    public record DevicePlacement(String deviceId, int shard, int owner, boolean ownedHere) {
    }
}

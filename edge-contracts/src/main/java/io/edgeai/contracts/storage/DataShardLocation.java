package io.edgeai.contracts.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where data-shard answers ({@code edge.data-shard.*}), for the services that read from it: the single service, or
 * one base URI per StatefulSet ordinal, routed by {@link io.edgeai.contracts.ShardFunction} as the gateway does.
 *
 * @param uri            the single data-shard service ({@code EDGE_DATA_SHARD_URI})
 * @param owners         one base URI per instance, in ordinal order ({@code EDGE_DATA_SHARD_OWNERS}); empty: {@code uri}
 * @param shardCount     virtual shards ({@code EDGE_SHARD_COUNT}); must match data-shard's
 * @param connectTimeout connect timeout of a read
 * @param readTimeout    read timeout of a read
 */
@ConfigurationProperties("edge.data-shard")
public record DataShardLocation(@DefaultValue("http://localhost:8084") URI uri,
                                List<URI> owners,
                                @DefaultValue("16") int shardCount,
                                @DefaultValue("1s") Duration connectTimeout,
                                @DefaultValue("2s") Duration readTimeout) {

    public DataShardLocation {
        // An empty environment variable binds as no owners, or as one empty URI: both mean "unset".
        owners = owners == null ? List.of()
                : owners.stream().filter(o -> o != null && !o.toString().isBlank()).toList();
        if (shardCount < 1) {
            throw new IllegalArgumentException("edge.data-shard.shard-count must be at least 1, was " + shardCount);
        }
    }

    /** The instances, in ordinal order. */
    public List<URI> instances() {
        return owners.isEmpty() ? List.of(uri) : owners;
    }
}

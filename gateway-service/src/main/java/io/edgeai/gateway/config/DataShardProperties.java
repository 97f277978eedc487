package io.edgeai.gateway.config;

import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data-shard instances are and how devices are spread over them.
 *
 * @param owners     base URI of each data-shard instance, in StatefulSet ordinal order; empty (the default): the
 *                   single {@code data-shard} service of {@code edge.services} owns every shard
 * @param shardCount virtual shards, the same number data-shard-service uses (never changed once data is stored)
 */
@Validated
@ConfigurationProperties("edge.data-shard")
public record DataShardProperties(List<URI> owners, @DefaultValue("16") @Min(1) int shardCount) {

    public DataShardProperties {
        // An empty environment variable binds as no owners, or as one empty URI: both mean "unset".
        owners = owners == null ? List.of()
                : owners.stream().filter(o -> o != null && !o.toString().isBlank()).toList();
    }
}

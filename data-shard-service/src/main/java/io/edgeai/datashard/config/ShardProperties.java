package io.edgeai.datashard.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this instance takes part in sharding.
 *
 * @param count     virtual shards in the whole deployment (never change it once data is stored)
 * @param instances data-shard instances sharing the shards (a StatefulSet's replicas)
 * @param ordinal   this instance's index, {@code 0..instances-1} (the StatefulSet pod ordinal)
 * @param dataDir   where the shards' database files live
 */
@Validated
@ConfigurationProperties("edge.shards")
public record ShardProperties(
        @DefaultValue("16") @Min(1) int count,
        @DefaultValue("1") @Min(1) int instances,
        @DefaultValue("0") @Min(0) int ordinal,
        @DefaultValue("var/shards") @NotBlank String dataDir) {

    public ShardProperties {
        if (ordinal >= instances) {
            throw new IllegalArgumentException(
                    "edge.shards.ordinal (" + ordinal + ") must be below edge.shards.instances (" + instances + ")");
        }
    }
}

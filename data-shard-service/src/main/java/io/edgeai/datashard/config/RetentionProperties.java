package io.edgeai.datashard.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long data is kept.
 *
 * @param enabled              run the retention job at all
 * @param maxAge               data timed before now minus this is deleted (readings, predictions, alert events,
 *                             feedback on them, cleared alerts)
 * @param maxReadingsPerShard  above this many readings in a shard the oldest are deleted (with what hangs on them)
 * @param interval             pause between two retention passes
 * @param sliceReadings        readings deleted per transaction; the shard's writes wait at most one slice
 */
@Validated
@ConfigurationProperties("edge.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("90d") @NotNull Duration maxAge,
        @DefaultValue("10000000") @Min(1) long maxReadingsPerShard,
        @DefaultValue("1h") @NotNull Duration interval,
        @DefaultValue("20000") @Min(1) int sliceReadings) {
}

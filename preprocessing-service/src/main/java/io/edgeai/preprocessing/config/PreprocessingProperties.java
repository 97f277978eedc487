package io.edgeai.preprocessing.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of preprocessing-service ({@code edge.preprocessing.*}); every one can be set by environment variable,
 * e.g. {@code EDGE_PREPROCESSING_MAX_BATCH_SIZE}.
 *
 * @param defaultModel             model used when a request names none
 * @param maxBatchSize             most readings in one request; larger batches get 422 before any work
 * @param maxDeviceIdLength        longest accepted device id
 * @param maxClockSkew             how far in the future a reading's timestamp may be (device clocks drift)
 * @param maxDevices               devices whose rolling windows are kept; the least recently seen is evicted beyond
 * @param specRefresh              how often the served model version is re-checked at inference-service
 * @param machineTypeCategorical   the spec categorical that a reading's {@code machineType} fills
 * @param rebuild                  how a device's rolling window is rebuilt from data-shard when this instance does
 *                                 not hold it
 */
@Validated
@ConfigurationProperties("edge.preprocessing")
public record PreprocessingProperties(
        @DefaultValue("ai4i-failure") @NotBlank String defaultModel,
        @DefaultValue("1000") @Min(1) int maxBatchSize,
        @DefaultValue("64") @Min(1) int maxDeviceIdLength,
        @DefaultValue("5m") @NotNull Duration maxClockSkew,
        @DefaultValue("10000") @Min(1) int maxDevices,
        @DefaultValue("5s") @NotNull Duration specRefresh,
        @DefaultValue("machine_type") @NotBlank String machineTypeCategorical,
        @DefaultValue @Valid Rebuild rebuild) {

    /**
     * Rebuilding a device's rolling window from its last stored readings the first time this instance encodes for
     * it (after a restart, an eviction, a new model version, or on a replica that has not seen it yet).
     *
     * @param enabled    false: such a window starts empty (the behaviour before)
     * @param retryAfter after data-shard failed to answer, devices are not looked up for this long (their windows
     *                   start empty), so an outage does not cost every request a timeout
     */
    public record Rebuild(@DefaultValue("true") boolean enabled,
                          @DefaultValue("10s") @NotNull Duration retryAfter) {
    }
}

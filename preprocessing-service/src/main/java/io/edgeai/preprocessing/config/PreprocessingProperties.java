package io.edgeai.preprocessing.config;

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
        @DefaultValue("machine_type") @NotBlank String machineTypeCategorical) {
}

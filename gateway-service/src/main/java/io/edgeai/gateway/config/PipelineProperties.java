package io.edgeai.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingest pipeline.
 *
 * @param model       the model readings are scored with
 * @param maxReadings        largest batch one request may carry
 * @param explainTimeout     longest the pipeline waits for the explanation of the readings that raised an alert;
 *                           past it the alert is stored without one
 * @param explainConcurrency explanations in flight at once; an alert raised beyond them is stored without one
 */
@Validated
@ConfigurationProperties("edge.pipeline")
public record PipelineProperties(
        @DefaultValue("ai4i-failure") @NotBlank String model,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxReadings,
        @DefaultValue("250ms") java.time.Duration explainTimeout,
        @DefaultValue("4") @Min(0) @Max(256) int explainConcurrency) {
}

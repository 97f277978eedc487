package io.edgeai.gateway.config;

import jakarta.validation.Valid;
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
 * @param batch              cross-request micro-batching of the stages ({@code edge.pipeline.batch})
 */
@Validated
@ConfigurationProperties("edge.pipeline")
public record PipelineProperties(
        @DefaultValue("ai4i-failure") @NotBlank String model,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxReadings,
        @DefaultValue("250ms") java.time.Duration explainTimeout,
        @DefaultValue("4") @Min(0) @Max(256) int explainConcurrency,
        @DefaultValue @Valid Batch batch) {

    /**
     * Requests that arrive while others are on their way through the stages share each stage call and one spool
     * commit ({@code IngestBatcher}).
     *
     * @param enabled     off: every request makes its own stage calls
     * @param maxReadings most readings one batch carries (a larger request goes alone); at most the stages' own
     *                    batch limits (1000)
     * @param window      how long a request waits for others to join when the lane is idle but other batches are in
     *                    flight; 0: never waits (requests join only while their lane is busy)
     * @param lanes       parallel batch sequences; a device always uses the same one, so its order holds
     */
    public record Batch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("256") @Min(1) @Max(1000) int maxReadings,
            @DefaultValue("0ms") java.time.Duration window,
            @DefaultValue("4") @Min(1) @Max(256) int lanes) {
    }
}

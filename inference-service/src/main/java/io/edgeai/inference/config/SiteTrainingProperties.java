package io.edgeai.inference.config;

import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of training on site ({@code edge.inference.site-training.*}): CSV uploads and fine-tuning jobs.
 *
 * @param maxUploadSize  largest CSV accepted by the train endpoint
 * @param minRows        fewest labelled rows a training or fine-tuning run accepts
 * @param queueCapacity  runs that may wait while one trains (one trains at a time); more are refused with 503
 * @param defaultEpochs  epochs when the request does not say
 * @param dataShardUri   data-shard-service, whose labelled export feeds fine-tuning
 */
@Validated
@ConfigurationProperties("edge.inference.site-training")
public record SiteTrainingProperties(@DefaultValue("50MB") DataSize maxUploadSize,
                                     @DefaultValue("50") @Min(10) int minRows,
                                     @DefaultValue("2") @Min(0) int queueCapacity,
                                     @DefaultValue("60") @Min(1) int defaultEpochs,
                                     @DefaultValue("http://localhost:8084") URI dataShardUri) {
}

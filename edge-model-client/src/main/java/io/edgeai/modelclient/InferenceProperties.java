package io.edgeai.modelclient;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where inference-service answers ({@code edge.inference.*}, e.g. {@code EDGE_INFERENCE_URI}).
 *
 * @param uri            base URI of inference-service
 * @param connectTimeout connect timeout of config calls
 * @param readTimeout    read timeout of config calls
 */
@Validated
@ConfigurationProperties("edge.inference")
public record InferenceProperties(@DefaultValue("http://localhost:8082") @NotNull URI uri,
                                  @DefaultValue("2s") Duration connectTimeout,
                                  @DefaultValue("5s") Duration readTimeout) {
}

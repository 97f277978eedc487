package io.edgeai.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services behind the gateway, keyed by service id ({@code inference}, {@code data-shard}...).
 *
 * @param services        every downstream service with its base URI, the public paths routed to it and its time limit
 * @param trainingTimeout how long a training upload's route waits: it answers when the model is trained
 */
@Validated
@ConfigurationProperties("edge")
public record DownstreamProperties(@NotEmpty Map<String, @Valid Downstream> services,
                                   @DefaultValue("15m") Duration trainingTimeout) {

    /**
     * One downstream service.
     *
     * @param uri     base URI, e.g. {@code http://localhost:8082}
     * @param paths   public path patterns routed to it unchanged
     * @param timeout longest a call may take before the gateway answers 503
     */
    public record Downstream(@NotNull URI uri, @NotEmpty List<String> paths,
                             @DefaultValue("10s") Duration timeout) {
    }
}

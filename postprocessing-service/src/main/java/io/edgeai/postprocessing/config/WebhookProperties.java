package io.edgeai.postprocessing.config;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Optional webhook for alert events ({@code edge.postprocessing.webhook.*}); off while {@code url} is empty.
 *
 * @param url                where each alert event is POSTed as JSON
 * @param maxAttempts        tries per event before it goes to the dead-letter log
 * @param initialBackoff     wait before the second try
 * @param backoffMultiplier  factor applied to the wait after each failed try
 * @param timeout            connect and read timeout of one try
 * @param queueCapacity      events waiting for delivery at most; beyond, new events are dead-lettered at once
 * @param deadLetterFile     optional JSON-lines file that every dead letter is appended to
 * @param deadLetterCapacity dead letters kept in memory for {@code GET .../notifications/dead-letters}
 */
@Validated
@ConfigurationProperties("edge.postprocessing.webhook")
public record WebhookProperties(URI url,
                                @DefaultValue("4") @Min(1) int maxAttempts,
                                @DefaultValue("500ms") Duration initialBackoff,
                                @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
                                @DefaultValue("2s") Duration timeout,
                                @DefaultValue("10000") @Min(1) int queueCapacity,
                                Path deadLetterFile,
                                @DefaultValue("1000") @Min(1) int deadLetterCapacity) {

    public boolean enabled() {
        return url != null && !url.toString().isBlank();
    }
}

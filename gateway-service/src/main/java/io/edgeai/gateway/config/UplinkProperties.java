package io.edgeai.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The site's uplink to a fleet hub ({@code edge.uplink.*}); without {@code hub-uri} there is none and nothing leaves
 * the site.
 *
 * @param hubUri            the hub's base URI ({@code EDGE_HUB_URI})
 * @param siteKey           the key the hub issued to this site ({@code EDGE_HUB_SITE_KEY})
 * @param outboxDir         the durable outbox of items waiting for the hub ({@code EDGE_OUTBOX_DIR})
 * @param aggregateInterval how often the closed days of the lookback are summarised and changed summaries queued
 * @param firstCollect      how long after start the first summary runs (an admin's {@code POST /api/v1/uplink/collect}
 *                          runs one at any time)
 * @param lookbackDays      closed days summarised each time (readings that arrive late for a day re-send its summary)
 * @param pushInterval      pause between delivery attempts while the hub cannot be reached, and between idle checks
 * @param timeout           time limit of one call to the hub
 */
@Validated
@ConfigurationProperties("edge.uplink")
public record UplinkProperties(URI hubUri,
                               String siteKey,
                               @DefaultValue("var/outbox") Path outboxDir,
                               @DefaultValue("10m") Duration aggregateInterval,
                               @DefaultValue("5s") Duration firstCollect,
                               @DefaultValue("3") @Min(1) @Max(60) int lookbackDays,
                               @DefaultValue("10s") Duration pushInterval,
                               @DefaultValue("30s") Duration timeout) {

    public UplinkProperties {
        hubUri = hubUri == null || hubUri.toString().isBlank() ? null : hubUri;
        siteKey = siteKey == null ? "" : siteKey.trim();
    }

    /** Whether this site has a hub to talk to. */
    public boolean enabled() {
        return hubUri != null;
    }
}

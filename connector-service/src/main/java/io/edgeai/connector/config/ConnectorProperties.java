package io.edgeai.connector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code edge.connector}: where the gateway is and how the connector delivers to it.
 *
 * @param gateway  the gateway's base URI, the API key the connector presents (role operator) and the call timeout
 * @param dataDir  where the MQTT client keeps its persistent state (outgoing QoS 1 messages not yet acknowledged)
 * @param lanes    delivery threads; a device always uses the same lane, so its readings reach the gateway in order
 * @param maxBatch most readings of one device sent in one pipeline request
 * @param linger   how long a lane waits for more messages before sending what it has
 * @param retry    backoff while the gateway cannot take readings (down, 5xx, 429, a refused key)
 */
@ConfigurationProperties("edge.connector")
public record ConnectorProperties(Gateway gateway, @DefaultValue("var/connector") Path dataDir,
                                  @DefaultValue("4") int lanes, @DefaultValue("100") int maxBatch,
                                  @DefaultValue("10ms") Duration linger, Retry retry) {

    public ConnectorProperties {
        if (lanes < 1 || lanes > 64) {
            throw new IllegalArgumentException("edge.connector.lanes must be 1..64, got " + lanes);
        }
        if (maxBatch < 1 || maxBatch > 1000) {
            throw new IllegalArgumentException("edge.connector.max-batch must be 1..1000 (the gateway's limit), got "
                    + maxBatch);
        }
        if (gateway == null) {
            gateway = new Gateway(URI.create("http://localhost:8080"), "", Duration.ofSeconds(10));
        }
        if (retry == null) {
            retry = new Retry(Duration.ofMillis(200), Duration.ofSeconds(10));
        }
    }

    public record Gateway(@DefaultValue("http://localhost:8080") URI uri, @DefaultValue("") String apiKey,
                          @DefaultValue("10s") Duration timeout) {
    }

    public record Retry(@DefaultValue("200ms") Duration initial, @DefaultValue("10s") Duration max) {
    }
}

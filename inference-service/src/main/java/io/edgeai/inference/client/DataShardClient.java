package io.edgeai.inference.client;

import io.edgeai.inference.config.SiteTrainingProperties;
import java.net.URI;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The service's one outbound HTTP client: data-shard-service's labelled export, read by fine-tuning. The client
 * comes from Boot's {@link RestClient.Builder}, so the internal credential is sent.
 */
@Component
public class DataShardClient {

    private final RestClient client;

    public DataShardClient(RestClient.Builder builder, SiteTrainingProperties properties) {
        this.client = builder.baseUrl(properties.dataShardUri().toString()).build();
    }

    /**
     * The CSV of {@code GET /api/v1/export/labelled} for these sensors, or null for an empty body.
     *
     * @param device only this device's readings (null: every device)
     * @param from   only readings at or after this time (null: no bound)
     * @param to     only readings before this time (null: no bound)
     */
    public byte[] labelledExport(String sensors, String device, Instant from, Instant to) {
        return client.get().uri(b -> query(b, sensors, device, from, to)).retrieve().body(byte[].class);
    }

    private static URI query(UriBuilder b, String sensors, String device, Instant from, Instant to) {
        b.path("/api/v1/export/labelled").queryParam("sensors", sensors);
        if (device != null) {
            b.queryParam("deviceId", device);
        }
        if (from != null) {
            b.queryParam("from", from.toString());
        }
        if (to != null) {
            b.queryParam("to", to.toString());
        }
        return b.build();
    }
}

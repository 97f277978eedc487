package io.edgeai.postprocessing.client;

import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.postprocessing.config.WebhookProperties;
import java.net.http.HttpClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** POSTs one alert event as JSON to the configured webhook ({@code edge.postprocessing.webhook.url}). */
@Component
public class WebhookClient {

    private final WebhookProperties properties;
    private final RestClient http;

    public WebhookClient(WebhookProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(properties.timeout());
        // Deliberately not Boot's RestClient.Builder: that one is customised to carry the suite's internal
        // credential, which must never leave the site towards a third-party webhook.
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /**
     * Delivers {@code event} once.
     *
     * @throws RuntimeException when the webhook is unreachable or answers with an error status
     */
    public void post(AlertEvent event) {
        http.post().uri(properties.url()).contentType(MediaType.APPLICATION_JSON).body(event).retrieve()
                .toBodilessEntity();
    }
}

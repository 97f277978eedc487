package io.edgeai.gateway.client;

import io.edgeai.gateway.config.UplinkProperties;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The site's one client of its fleet hub: its own {@link WebClient}, carrying the site's hub key and never the
 * site's internal credential (the hub is outside the site). Every answer comes back with its status, so the uplink
 * can tell a refusal (4xx, nothing applied) from a hub it cannot reach.
 */
@Component
public class HubClient {

    /** Largest hub answer read (a model package). */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private final WebClient client;
    private final Duration timeout;
    private final boolean enabled;

    public HubClient(UplinkProperties properties, JsonMapper json) {
        this.enabled = properties.enabled();
        this.timeout = properties.timeout();
        HttpClient http = HttpClient.create().responseTimeout(properties.timeout())
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000);
        WebClient.Builder builder = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> {
                    c.defaultCodecs().maxInMemorySize(MAX_BYTES);
                    c.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
                    JacksonJsonDecoder decoder = new JacksonJsonDecoder(json);
                    decoder.setMaxInMemorySize(MAX_BYTES);
                    c.defaultCodecs().jacksonJsonDecoder(decoder);
                });
        if (enabled) {
            builder.baseUrl(properties.hubUri().toString()).defaultHeader("X-API-Key", properties.siteKey());
        }
        this.client = builder.build();
    }

    /**
     * A hub answer.
     *
     * @param status HTTP status
     * @param body   the body as text (JSON or problem+json)
     */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** GET a hub path; a hub that cannot be reached fails the Mono. */
    public Mono<Answer> get(String path) {
        return exchange(client.get().uri(path));
    }

    /** POST a JSON body to a hub path. */
    public Mono<Answer> post(String path, Object body) {
        return exchange(client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
    }

    private Mono<Answer> exchange(WebClient.RequestHeadersSpec<?> request) {
        if (!enabled) {
            return Mono.error(new IllegalStateException("no hub configured (edge.uplink.hub-uri)"));
        }
        return request.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> new Answer(r.statusCode().value(), body))).timeout(timeout);
    }
}

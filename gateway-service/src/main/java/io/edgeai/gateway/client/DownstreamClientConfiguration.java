package io.edgeai.gateway.client;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.contracts.web.KeepAlive;
import io.edgeai.gateway.config.SecurityProperties;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own calls to the services behind it (pipeline stages, fleet reads, feedback, health probes) go
 * through one {@link WebClient}, built once here with the internal credential, so no call site adds it by hand.
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamClientConfiguration {

    /** Largest answer read into memory: features of a 1000-reading batch, or a fleet-wide status. */
    static final int MAX_IN_MEMORY_BYTES = 16 * 1024 * 1024;

    /** Connections per downstream service; more requests wait for one (every stage call has its own time limit). */
    static final int MAX_CONNECTIONS_PER_SERVICE = 256;

    /** The name of the observations (and meters) of the gateway's own downstream calls. */
    public static final String DOWNSTREAM_OBSERVATION = "edge.downstream.requests";

    /** The credential internal services require, from {@code edge.security.internal-token}. */
    @Bean
    InternalCredential internalCredential(SecurityProperties security) {
        return new InternalCredential(security.internalToken());
    }

    /**
     * The client for every call to a downstream service. Built from the plain builder, not Boot's instrumented one:
     * its {@code http.client.requests} meters would clash with those of the gateway's routes (other tag keys under
     * the same name). Its bodies go through Boot's {@link JsonMapper}, so they are written with the suite's JSON
     * settings, and its pool keeps the suite's keep-alive contract ({@link KeepAlive}): an idle connection is
     * dropped long before the service would close it, so no stage call is sent on a closing connection.
     */
    @Bean
    WebClient downstreamWebClient(InternalCredential credential, JsonMapper json,
                                  ObjectProvider<ObservationRegistry> observations) {
        ConnectionProvider pool = ConnectionProvider.builder("edge-downstream")
                .maxConnections(MAX_CONNECTIONS_PER_SERVICE)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(10))
                .maxIdleTime(KeepAlive.CLIENT_IDLE)
                .evictInBackground(Duration.ofSeconds(10))
                .build();
        HttpClient http = HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000);
        WebClient.Builder builder = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> {
                    JacksonJsonDecoder decoder = new JacksonJsonDecoder(json);
                    decoder.setMaxInMemorySize(MAX_IN_MEMORY_BYTES);
                    c.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY_BYTES);
                    c.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
                    c.defaultCodecs().jacksonJsonDecoder(decoder);
                });
        // The observation registry makes the client send the W3C traceparent of the current trace (Micrometer
        // Tracing); its meters take their own name, so they never clash with the routes' http.client.requests.
        builder.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .observationConvention(new DefaultClientRequestObservationConvention(DOWNSTREAM_OBSERVATION));
        if (credential.enforced()) {
            builder.defaultHeader(InternalCredential.HEADER, credential.token());
        }
        return builder.build();
    }
}

package io.edgeai.gateway.client;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.config.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's own calls to the services behind it (pipeline stages, fleet reads, feedback, health probes) go
 * through one {@link WebClient}, built once here with the internal credential, so no call site adds it by hand.
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamClientConfiguration {

    /** Largest answer read into memory: features of a 1000-reading batch, or a fleet-wide status. */
    static final int MAX_IN_MEMORY_BYTES = 16 * 1024 * 1024;

    /** The credential internal services require, from {@code edge.security.internal-token}. */
    @Bean
    InternalCredential internalCredential(SecurityProperties security) {
        return new InternalCredential(security.internalToken());
    }

    /**
     * The client for every call to a downstream service. Built from the plain builder, not Boot's instrumented one:
     * its {@code http.client.requests} meters would clash with those of the gateway's routes (other tag keys under
     * the same name), and its connection pool and timeouts are the ones the gateway was benchmarked with.
     */
    @Bean
    WebClient downstreamWebClient(InternalCredential credential) {
        WebClient.Builder builder = WebClient.builder()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY_BYTES));
        if (credential.enforced()) {
            builder.defaultHeader(InternalCredential.HEADER, credential.token());
        }
        return builder.build();
    }
}

package io.edgeai.gateway.health;

import io.edgeai.gateway.config.DownstreamProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway's health lists every downstream service under {@code downstream}, each UP only when its own
 * readiness probe says so. Kept out of the gateway's liveness and readiness groups: a dead downstream must not get
 * the gateway itself restarted or taken out of its load balancer.
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamHealthConfiguration {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ReactiveHealthContributor downstream(DownstreamProperties properties, WebClient client) {
        Map<String, ReactiveHealthIndicator> indicators = new LinkedHashMap<>();
        properties.services().forEach((id, downstream) -> indicators.put(id, () -> probe(client,
                downstream.uri() + "/actuator/health/readiness")));
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }

    private static Mono<Health> probe(WebClient client, String url) {
        return client.get().uri(url)
                .exchangeToMono(response -> Mono.just(response.statusCode().is2xxSuccessful()
                        ? Health.up().withDetail("url", url).build()
                        : Health.down().withDetail("url", url).withDetail("status", response.statusCode().value())
                                .build()))
                .timeout(PROBE_TIMEOUT)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("url", url)
                        .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build()));
    }
}

package io.edgeai.gateway.routing;

import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.SecurityProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * One route per downstream service, each behind its own circuit breaker: a dead or stuck service makes its routes
 * answer 503 problem+json at once (see {@link FallbackController}) instead of hanging or failing with a 500.
 */
@Configuration(proxyBeanMethods = false)
public class RouteConfiguration {

    /** Route and circuit breaker id of site training uploads. */
    static final String TRAINING = "inference-training";

    @Bean
    RouteLocator downstreamRoutes(RouteLocatorBuilder builder, DownstreamProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        // Training from a CSV answers when the model is trained (a minute or more for a big file): its own route,
        // ahead of inference's /v2/**, with a long time limit and its own breaker, so a long training neither
        // times out at 10 s nor counts against inference's circuit.
        DownstreamProperties.Downstream inference = properties.services().get("inference");
        if (inference != null) {
            routes.route(TRAINING, r -> r.order(-1)
                    .path(SecurityProperties.UPLOAD_PATHS.toArray(String[]::new))
                    .filters(f -> f.circuitBreaker(cb -> cb.setName(TRAINING)
                            .setFallbackUri("forward:/fallback/inference")))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.trainingTimeout().toMillis())
                    .uri(inference.uri()));
        }
        properties.services().forEach((id, downstream) -> routes.route(id, r -> r
                .path(downstream.paths().toArray(String[]::new))
                .filters(f -> f.circuitBreaker(cb -> cb.setName(id).setFallbackUri("forward:/fallback/" + id))
                        // A GET that lost its connection before any answer is sent once more: reads are safe to
                        // repeat, and a burst must not turn one closed connection into a 503.
                        .retry(retry -> retry.setRetries(1).setMethods(HttpMethod.GET).setSeries()
                                .setExceptions(IOException.class)))
                .uri(downstream.uri())));
        return routes.build();
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(DownstreamProperties properties) {
        return factory -> {
            factory.configure(builder -> builder.circuitBreakerConfig(breakerConfig())
                    .timeLimiterConfig(timeLimit(properties.trainingTimeout())), TRAINING);
            factory.configureDefault(id -> breaker(id, Duration.ofSeconds(10)));
            // configure(...) starts each id from Resilience4j's defaults, not from configureDefault: a per-route
            // time limit set that way silently dropped the breaker settings below (4xx counted as failures,
            // 60 s open), so a flood of bad readings could open a healthy stage's circuit for everyone.
            properties.services().forEach((id, downstream) -> factory.configure(builder -> builder
                    .circuitBreakerConfig(breakerConfig()).timeLimiterConfig(timeLimit(downstream.timeout())), id));
        };
    }

    private static Resilience4JConfigBuilder.Resilience4JCircuitBreakerConfiguration breaker(String id,
                                                                                            Duration timeout) {
        return new Resilience4JConfigBuilder(id).circuitBreakerConfig(breakerConfig()).timeLimiterConfig(
                timeLimit(timeout)).build();
    }

    /** Opens after half of the last 20 calls (at least 10) failed; 5 s open, then 3 trial calls. */
    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3)
                // A stage refusing bad input (4xx) is healthy: only failures open the circuit.
                .recordException(e -> !(e instanceof StageException se && se.isRejection()))
                .build();
    }

    private static TimeLimiterConfig timeLimit(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).build();
    }
}

package io.edgeai.gateway.security;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.gateway.config.Role;
import io.edgeai.gateway.config.SecurityProperties;
import io.edgeai.gateway.web.ProblemWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per API key, sized by the key's role: over the limit the caller gets 429 with the seconds until
 * its next token in {@code Retry-After}. Unauthenticated public requests (health) are not limited.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    static final Map<Role, SecurityProperties.RateLimit> DEFAULTS = Map.of(
            Role.VIEWER, new SecurityProperties.RateLimit(50, 100),
            Role.OPERATOR, new SecurityProperties.RateLimit(500, 1000),
            Role.ADMIN, new SecurityProperties.RateLimit(100, 200));

    private final Map<Role, SecurityProperties.RateLimit> limits = new EnumMap<>(Role.class);
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public RateLimitFilter(SecurityProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.limits.putAll(DEFAULTS);
        this.limits.putAll(properties.rateLimits());
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiKey caller = exchange.getAttribute(ApiKeyAuthenticationFilter.CALLER);
        if (caller == null) {
            return chain.filter(exchange);
        }
        Decision decision = take(caller);
        if (decision.allowed()) {
            exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
                decision.refusal());
    }

    /**
     * One request taken from a key's bucket: allowed with the tokens left, or refused with when to retry and why.
     *
     * @param refusal the sentence that says the limit and when to retry; null when allowed
     */
    public record Decision(boolean allowed, long remaining, long retryAfterSeconds, String refusal) {
    }

    /**
     * Takes one request from the caller's bucket (REST and gRPC calls of a key share it); a refusal is counted in
     * {@code edge.gateway.rejected{reason=rate-limited}}.
     */
    public Decision take(ApiKey caller) {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller.name() + "/" + caller.role(),
                k -> newBucket(caller.role())).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, probe.getRemainingTokens(), 0, null);
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
        meters.counter("edge.gateway.rejected", "reason", "rate-limited").increment();
        return new Decision(false, 0, retryAfter, "The key '" + caller.name() + "' is limited to "
                + limits.get(caller.role()).perSecond() + " requests per second; retry after " + retryAfter + " s.");
    }

    private Bucket newBucket(Role role) {
        SecurityProperties.RateLimit limit = limits.get(role);
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    @Override
    public int getOrder() {
        return ApiKeyAuthenticationFilter.ORDER + 10;
    }
}

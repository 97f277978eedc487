package io.edgeai.gateway.security;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.gateway.config.Role;
import io.edgeai.gateway.config.SecurityProperties;
import io.edgeai.gateway.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request by its {@code X-API-Key} header and checks the key's role against the
 * {@link AccessPolicy}: 401 without a valid key, 403 when the role is too low. The caller is kept as an exchange
 * attribute for rate limiting and audit; the key itself is never logged or forwarded.
 */
@Component
public class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    /** Header carrying the API key. */
    public static final String HEADER = "X-API-Key";
    /** Exchange attribute holding the authenticated {@link ApiKey}. */
    public static final String CALLER = ApiKeyAuthenticationFilter.class.getName() + ".caller";
    /** Order among web filters: first, before rate limits and body limits. */
    public static final int ORDER = -200;

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
    private static final ApiKey SECURITY_DISABLED = new ApiKey("security-disabled", Role.ADMIN);

    private final SecurityProperties properties;
    private final ApiKeyStore keys;
    private final AccessPolicy policy;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public ApiKeyAuthenticationFilter(SecurityProperties properties, ApiKeyStore keys, AccessPolicy policy,
                                      ProblemWriter problems, MeterRegistry meters) {
        this.properties = properties;
        this.keys = keys;
        this.policy = policy;
        this.problems = problems;
        this.meters = meters;
        if (!properties.enabled()) {
            log.warn("edge.security.enabled=false: the gateway accepts every caller as admin. "
                    + "Never run it like this on a network others can reach.");
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled()) {
            exchange.getAttributes().put(CALLER, SECURITY_DISABLED);
            return chain.filter(exchange);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (isCorsPreflight(exchange)) {
            return chain.filter(exchange);
        }
        Role required = policy.required(method, path);
        Optional<ApiKey> caller = keys.find(exchange.getRequest().getHeaders().getFirst(HEADER));
        if (required == null) {
            caller.ifPresent(c -> exchange.getAttributes().put(CALLER, c));
            return chain.filter(exchange);
        }
        if (caller.isEmpty()) {
            reject("unauthenticated");
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                    "Unauthenticated", "A valid API key is required in the " + HEADER + " header.");
        }
        if (!caller.get().role().includes(required)) {
            reject("forbidden");
            return problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "The key '" + caller.get().name() + "' has role " + caller.get().role().name().toLowerCase()
                            + "; " + method + " " + path + " needs role " + required.name().toLowerCase() + ".");
        }
        exchange.getAttributes().put(CALLER, caller.get());
        return chain.filter(exchange);
    }

    private void reject(String reason) {
        meters.counter("edge.gateway.rejected", "reason", reason).increment();
    }

    private static boolean isCorsPreflight(ServerWebExchange exchange) {
        HttpHeaders h = exchange.getRequest().getHeaders();
        return HttpMethod.OPTIONS.equals(exchange.getRequest().getMethod())
                && h.getOrigin() != null && h.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

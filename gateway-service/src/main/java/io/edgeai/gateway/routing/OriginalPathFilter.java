package io.edgeai.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Remembers the path the client asked for before any filter rewrites it, so a fallback answer can name it as the
 * problem's {@code instance} (the circuit breaker replaces the request URL with the fallback URI).
 */
@Component
public class OriginalPathFilter implements GlobalFilter, Ordered {

    /** Exchange attribute holding the client's original request path. */
    public static final String ATTRIBUTE = OriginalPathFilter.class.getName() + ".path";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        exchange.getAttributes().putIfAbsent(ATTRIBUTE, exchange.getRequest().getPath().value());
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

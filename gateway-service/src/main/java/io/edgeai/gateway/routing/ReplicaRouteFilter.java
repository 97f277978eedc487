package io.edgeai.gateway.routing;

import io.edgeai.gateway.client.ReplicaBalancer;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Spreads a replicated service's public routes (e.g. {@code /v2/**} over two inference replicas) round-robin with
 * {@link ReplicaBalancer}. A replica refusing the connection is tried last from then on; a GET or HEAD that met it
 * goes on to the next replica at once, other methods answer 503 through the route's breaker (their body is streamed
 * once, never buffered for a retry).
 */
@Component
public class ReplicaRouteFilter implements GlobalFilter, Ordered {

    private final ReplicaBalancer balancer;

    public ReplicaRouteFilter(ReplicaBalancer balancer) {
        this.balancer = balancer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route == null || target == null) {
            return chain.filter(exchange);
        }
        String service = RouteConfiguration.TRAINING.equals(route.getId()) ? "inference" : route.getId();
        List<URI> candidates = balancer.candidates(service);
        if (candidates.size() < 2) {
            return chain.filter(exchange);
        }
        HttpMethod method = exchange.getRequest().getMethod();
        boolean retryable = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return attempt(exchange, chain, service, target, candidates, 0, retryable);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, String service, URI target,
                               List<URI> candidates, int index, boolean retryable) {
        URI replica = candidates.get(index);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, UriComponentsBuilder
                .fromUri(target).scheme(replica.getScheme()).host(replica.getHost()).port(replica.getPort())
                .build(true).toUri());
        return chain.filter(exchange).onErrorResume(ReplicaBalancer::isConnectFailure, e -> {
            balancer.refused(service, replica);
            if (!retryable || index + 1 >= candidates.size() || exchange.getResponse().isCommitted()) {
                return Mono.error(e);
            }
            ServerWebExchangeUtils.reset(exchange);
            return attempt(exchange, chain, service, target, candidates, index + 1, true);
        });
    }

    /** Right after the route's URL is set, like {@link DeviceOwnerFilter}, before the request is sent. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 2;
    }
}

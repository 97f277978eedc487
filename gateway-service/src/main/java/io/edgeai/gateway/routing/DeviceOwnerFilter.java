package io.edgeai.gateway.routing;

import io.edgeai.gateway.client.ShardRouter;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends a request about one device ({@code /api/v1/devices/{id}/...}) to the data-shard instance that owns the
 * device's shard, so a multi-instance deployment needs no client-side routing.
 */
@Component
public class DeviceOwnerFilter implements GlobalFilter, Ordered {

    private static final Pattern DEVICE_PATH = Pattern.compile("^/api/v1/devices/([^/]+)/.+");

    private final ShardRouter router;

    public DeviceOwnerFilter(ShardRouter router) {
        this.router = router;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route != null && target != null && "data-shard".equals(route.getId()) && router.owners().size() > 1) {
            Matcher m = DEVICE_PATH.matcher(exchange.getRequest().getPath().value());
            if (m.matches()) {
                URI owner = router.ownerOf(m.group(1));
                URI routed = UriComponentsBuilder.fromUri(target).scheme(owner.getScheme()).host(owner.getHost())
                        .port(owner.getPort()).build(true).toUri();
                exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, routed);
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}

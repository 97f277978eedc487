package io.edgeai.gateway.routing;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.security.ApiKey;
import io.edgeai.gateway.security.ApiKeyAuthenticationFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every routed call: drops the caller's API key (internal services never see it), adds the internal credential
 * the services require, and names the caller in {@code X-Edge-Caller} for their audit logs.
 */
@Component
public class InternalCredentialFilter implements GlobalFilter, Ordered {

    /** Header carrying the credential internal services accept. */
    public static final String TOKEN_HEADER = InternalCredential.HEADER;
    /** Header naming the authenticated caller (key name and role). */
    public static final String CALLER_HEADER = "X-Edge-Caller";

    private final InternalCredential credential;

    public InternalCredentialFilter(InternalCredential credential) {
        this.credential = credential;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ApiKey caller = exchange.getAttribute(ApiKeyAuthenticationFilter.CALLER);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> {
            h.remove(ApiKeyAuthenticationFilter.HEADER);
            h.remove(TOKEN_HEADER);
            h.remove(CALLER_HEADER);
            if (credential.enforced()) {
                h.set(TOKEN_HEADER, credential.token());
            }
            if (caller != null) {
                h.set(CALLER_HEADER, caller.name() + ";role=" + caller.role().name().toLowerCase());
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}

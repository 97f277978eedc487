package io.edgeai.gateway.security;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.web.ContentTypes;
import io.edgeai.gateway.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose {@code Content-Type} is not one concrete media type ({@code *}{@code /*}, {@code
 * application/*}, a header that does not parse) with 415 problem+json before it is routed. Spring MVC behind the
 * gateway throws on such a header while reading the body and answered 500 (found by the fault suite's bad-input
 * corpus, reliability/).
 */
@Component
public class ContentTypeFilter implements WebFilter, Ordered {

    private final ProblemWriter problems;

    public ContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (header == null || ContentTypes.acceptable(header)) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.VALIDATION,
                "Unsupported media type", ContentTypes.refusal(header));
    }

    @Override
    public int getOrder() {
        return ApiKeyAuthenticationFilter.ORDER + 30;
    }
}

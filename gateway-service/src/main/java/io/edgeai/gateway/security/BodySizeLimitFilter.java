package io.edgeai.gateway.security;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.gateway.config.SecurityProperties;
import io.edgeai.gateway.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@code edge.security.max-body-size} with 413: at once from Content-Length, or as
 * soon as a chunked body passes the limit. Training uploads ({@link SecurityProperties#UPLOAD_PATHS}) may be up to
 * {@code edge.security.max-upload-size}.
 */
@Component
public class BodySizeLimitFilter implements WebFilter, Ordered {

    /** Largest refused body that is read (and dropped) before the 413 goes out, rather than cut off. */
    static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final ProblemWriter problems;
    private final AntPathMatcher paths = new AntPathMatcher();

    public BodySizeLimitFilter(SecurityProperties properties, ProblemWriter problems) {
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.maxUploadBytes = Math.max(maxBodyBytes, properties.maxUploadSize().toBytes());
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        long maxBytes = SecurityProperties.UPLOAD_PATHS.stream().anyMatch(p -> paths.match(p, path))
                ? maxUploadBytes : maxBodyBytes;
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            if (declared <= MAX_DRAINED_BYTES) {
                // Read and drop the body first: refused mid-upload, a client that is still sending gets its write
                // reset and often never reads the 413 (seen under load); past this size the connection just closes.
                return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release)
                        .then(Mono.defer(() -> tooLarge(exchange, maxBytes)));
            }
            return tooLarge(exchange, maxBytes);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(PayloadTooLargeException.class, e -> exchange.getResponse().isCommitted()
                        ? Mono.error(e) : tooLarge(exchange, maxBytes));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long maxBytes) {
        return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large", "Request bodies are limited to " + maxBytes + " bytes.");
    }

    @Override
    public int getOrder() {
        return ApiKeyAuthenticationFilter.ORDER + 20;
    }

    /** A chunked body went over the limit. */
    static final class PayloadTooLargeException extends RuntimeException {
        PayloadTooLargeException() {
            super("request body too large", null, false, false);
        }
    }
}

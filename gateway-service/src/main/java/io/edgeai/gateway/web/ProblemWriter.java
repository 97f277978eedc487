package io.edgeai.gateway.web;

import io.edgeai.contracts.Problems;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.net.URI;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer from a WebFilter, where no controller advice applies.
 *
 * <p>A filter refuses before the request body is read. When the request has a body, the answer closes the
 * connection: the client may still be sending that body (or may stop sending it when the refusal arrives), and a
 * connection left with part of a body unread would take the client's next request on it as more body bytes, which
 * then never gets an answer. Servers refusing with 413 or 401 usually close for the same reason.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = Problems.of(status, type, title, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        traceId(exchange).ifPresent(id -> problem.setProperty(Problems.TRACE_ID, id));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (hasBody(exchange.getRequest().getHeaders())) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    /**
     * The request's trace id, from the server observation of the exchange: a web filter runs on a thread whose MDC
     * may hold another request's trace, or none.
     */
    static Optional<String> traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .filter(id -> !id.isBlank());
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}

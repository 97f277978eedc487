package io.edgeai.gateway.web;

import io.edgeai.contracts.Problems;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
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
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (hasBody(exchange.getRequest().getHeaders())) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}

package io.edgeai.gateway.web;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.Problems;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.spool.SpoolFullException;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's own endpoints' errors as problem+json: the client's fault is 4xx, a missing stage 503. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GatewayErrorAdvice {

    private final JsonMapper json;

    public GatewayErrorAdvice(JsonMapper json) {
        this.json = json;
    }

    /** A stage's 4xx problem goes to the client unchanged but for its instance; an unreachable stage is a 503. */
    @ExceptionHandler(StageException.class)
    public ResponseEntity<Object> stage(StageException e, ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (e.isRejection()) {
            JsonNode body = parse(e.body());
            if (body instanceof ObjectNode problem) {
                problem.put("instance", path);
                problem.put("stage", e.stage());
                return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
            ProblemDetail problem = Problems.of(HttpStatus.valueOf(e.status().value()), ProblemTypes.VALIDATION,
                    "Invalid request", "The " + e.stage() + " stage refused the readings: " + e.body());
            problem.setInstance(URI.create(path));
            return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ServiceUnavailable.answer(e.stage(), "The " + e.stage() + " service "
                + e.getMessage().substring(e.stage().length() + 1) + "; the readings were not accepted, retry later.",
                path);
    }

    @ExceptionHandler(SpoolFullException.class)
    public ResponseEntity<ProblemDetail> spoolFull(SpoolFullException e, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Storage backlog full", e.getMessage());
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Unreadable JSON: 400 naming the body. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        String why = e.getMostSpecificCause().getMessage();
        ProblemDetail problem = Problems.validation(HttpStatus.BAD_REQUEST, List.of(new FieldViolation("body",
                "is not valid JSON" + (why == null ? "" : ": " + why.lines().findFirst().orElse("")))));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

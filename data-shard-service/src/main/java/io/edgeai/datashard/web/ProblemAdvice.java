package io.edgeai.datashard.web;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.datashard.sharding.MisdirectedBatchException;
import io.edgeai.datashard.sharding.ShardNotOwnedException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/** Maps every refusal of this service to RFC 9457 problem+json naming the fields. */
// Ahead of Boot's generic problem-details handler, so framework errors also name their field.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ProblemDetail problem = Problems.validation(e.status(), e.violations());
        if (e.status() == HttpStatus.CONFLICT) {
            problem.setType(ProblemTypes.CONFLICT);
            problem.setTitle("Conflict");
        }
        return respond(problem);
    }

    @ExceptionHandler(MisdirectedBatchException.class)
    ResponseEntity<ProblemDetail> misdirected(MisdirectedBatchException e) {
        ProblemDetail problem = Problems.validation(HttpStatus.MISDIRECTED_REQUEST, e.violations());
        problem.setType(ProblemTypes.CONFLICT);
        problem.setTitle("Shard owned by another instance");
        problem.setProperty("owners", e.owners());
        return respond(problem);
    }

    @ExceptionHandler(ShardNotOwnedException.class)
    ResponseEntity<ProblemDetail> notOwned(ShardNotOwnedException e) {
        ProblemDetail problem = Problems.of(HttpStatus.MISDIRECTED_REQUEST, ProblemTypes.CONFLICT,
                "Shard owned by another instance", e.getMessage());
        problem.setProperty("errors", List.of(new FieldViolation(e.field(), e.getMessage())));
        problem.setProperty("deviceId", e.deviceId());
        problem.setProperty("shard", e.shard());
        problem.setProperty("owner", e.owner());
        return respond(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage());
        problem.setProperty("errors", List.of(new FieldViolation(e.field(), e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        String field = "body";
        String message = "is not valid JSON for this endpoint";
        if (cause instanceof JacksonException je) {
            String path = path(je);
            if (!path.isEmpty()) {
                field = path;
            }
            message = "cannot be read: " + je.getOriginalMessage();
        }
        return respond(Problems.validation(HttpStatus.BAD_REQUEST, List.of(new FieldViolation(field, message))));
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == java.time.Instant.class ? "an ISO-8601 instant"
                : e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return respond(Problems.validation(HttpStatus.BAD_REQUEST,
                List.of(new FieldViolation(e.getName(), "must be " + expected))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return respond(Problems.validation(HttpStatus.BAD_REQUEST,
                List.of(new FieldViolation(e.getParameterName(), "is required"))));
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storage(DataAccessException e) {
        log.error("Storage failed", e);
        return respond(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Storage unavailable", "the shard's database did not complete the request; nothing was "
                        + "acknowledged, retry later"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

package io.edgeai.datashard.web;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.contracts.web.ProblemAdviceBase;
import io.edgeai.datashard.sharding.MisdirectedBatchException;
import io.edgeai.datashard.sharding.ShardNotOwnedException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Maps every refusal of this service to RFC 9457 problem+json naming the fields; the cases every service shares are
 * in {@link ProblemAdviceBase}, this adds the shard cases (421, 404, 409) and a storage failure (503).
 */
// Ahead of Boot's generic problem-details handler, so framework errors also name their field.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** 400 naming every field; a batch id reused with other content is a 409 of type conflict. */
    @Override
    protected ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = Problems.validation(e.status(), e.violations());
        if (e.status() == HttpStatus.CONFLICT) {
            problem.setType(ProblemTypes.CONFLICT);
            problem.setTitle("Conflict");
        }
        return answer(problem).body(problem);
    }

    @ExceptionHandler(MisdirectedBatchException.class)
    ResponseEntity<ProblemDetail> misdirected(MisdirectedBatchException e) {
        ProblemDetail problem = Problems.validation(HttpStatus.MISDIRECTED_REQUEST, e.violations());
        problem.setType(ProblemTypes.CONFLICT);
        problem.setTitle("Shard owned by another instance");
        problem.setProperty("owners", e.owners());
        return answer(problem).body(problem);
    }

    @ExceptionHandler(ShardNotOwnedException.class)
    ResponseEntity<ProblemDetail> notOwned(ShardNotOwnedException e) {
        ProblemDetail problem = Problems.of(HttpStatus.MISDIRECTED_REQUEST, ProblemTypes.CONFLICT,
                "Shard owned by another instance", e.getMessage());
        problem.setProperty("errors", List.of(new FieldViolation(e.field(), e.getMessage())));
        problem.setProperty("deviceId", e.deviceId());
        problem.setProperty("shard", e.shard());
        problem.setProperty("owner", e.owner());
        return answer(problem).body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage());
        problem.setProperty("errors", List.of(new FieldViolation(e.field(), e.getMessage())));
        return answer(problem).body(problem);
    }

    /** A query parameter or path variable of the wrong type: 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String expected = e.getRequiredType() == Instant.class ? "an ISO-8601 instant"
                : e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        ProblemDetail problem = Problems.validation(HttpStatus.BAD_REQUEST,
                List.of(new FieldViolation(name, "must be " + expected)));
        return answer(problem).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = Problems.validation(HttpStatus.BAD_REQUEST,
                List.of(new FieldViolation(e.getParameterName(), "is required")));
        return answer(problem).body(problem);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> storage(DataAccessException e) {
        log.error("Storage failed", e);
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Storage unavailable", "the shard's database did not complete the request; nothing was "
                        + "acknowledged, retry later");
        return answer(problem).body(problem);
    }

    /** Every answer here is problem+json with the problem's status. */
    private static ResponseEntity.BodyBuilder answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}

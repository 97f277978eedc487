package io.edgeai.hub.web;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.contracts.web.ProblemAdviceBase;
import io.edgeai.hub.site.HubAccessException;
import io.edgeai.hub.site.SiteKeys;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The hub's one error advice: problem+json naming the field for every refusal; a missing, unknown or revoked key is
 * a 401 or 403 naming {@code X-API-Key}; a 404 or 409 gets its own type.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
public class HubProblemAdvice extends ProblemAdviceBase {

    @Override
    protected ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = Problems.validation(e.status(), e.violations());
        if (e.status() == HttpStatus.CONFLICT) {
            problem.setType(ProblemTypes.CONFLICT);
            problem.setTitle("Conflict");
        } else if (e.status() == HttpStatus.NOT_FOUND) {
            problem.setType(ProblemTypes.NOT_FOUND);
            problem.setTitle("Not found");
        }
        return answer(problem);
    }

    @ExceptionHandler(HubAccessException.class)
    ResponseEntity<ProblemDetail> access(HubAccessException e) {
        boolean unauthenticated = e.status() == HttpStatus.UNAUTHORIZED;
        ProblemDetail problem = Problems.of(e.status(), unauthenticated ? ProblemTypes.UNAUTHENTICATED
                : ProblemTypes.FORBIDDEN, unauthenticated ? "Unauthenticated" : "Forbidden", e.getMessage());
        problem.setProperty("errors", List.of(new FieldViolation(SiteKeys.HEADER, e.getMessage())));
        return answer(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        ProblemDetail problem = Problems.validation(HttpStatus.BAD_REQUEST, List.of(new FieldViolation(name,
                "must be " + (e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName()))));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

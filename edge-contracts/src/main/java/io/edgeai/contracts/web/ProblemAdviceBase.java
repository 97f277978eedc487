package io.edgeai.contracts.web;

import io.edgeai.contracts.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The error cases every service of the suite answers alike, as RFC 9457 problem+json: an
 * {@link InvalidRequestException} lists every bad field, an unreadable body is a 400 naming the field, and Spring
 * MVC's own errors keep Boot's problem details. A service's one {@code @RestControllerAdvice} extends this and adds
 * only its own cases.
 */
public abstract class ProblemAdviceBase extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    protected ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return ResponseEntity.status(e.status()).body(Problems.validation(e.status(), e.violations()));
    }

    /** Malformed JSON or a value of the wrong type (e.g. a timestamp that is not ISO-8601): 400 naming the field. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.unreadableBody(ex));
    }

    /** The 503 for a neighbour service that cannot be asked now, with a Retry-After the caller can honour. */
    protected static ResponseEntity<ProblemDetail> serviceUnavailable(String title, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
                .body(Problems.serviceUnavailable(title, detail));
    }
}

package io.edgeai.preprocessing.web;

import io.edgeai.contracts.web.ProblemAdviceBase;
import io.edgeai.modelclient.ModelUnavailableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every failure of preprocessing-service to RFC 9457 problem+json naming the offending fields; the cases every
 * service shares are in {@link ProblemAdviceBase}.
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {

    @ExceptionHandler(ModelUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ModelUnavailableException e) {
        return serviceUnavailable("Model spec unavailable", e.getMessage());
    }
}

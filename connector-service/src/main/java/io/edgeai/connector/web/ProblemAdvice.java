package io.edgeai.connector.web;

import io.edgeai.contracts.web.ProblemAdviceBase;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of connector-service's own endpoints as RFC 9457 problem+json ({@link ProblemAdviceBase}). */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceBase {
}

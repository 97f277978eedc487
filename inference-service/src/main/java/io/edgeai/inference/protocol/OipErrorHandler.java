package io.edgeai.inference.protocol;

import io.edgeai.inference.batching.QueueFullException;
import io.edgeai.inference.repository.InferenceFailedException;
import io.edgeai.inference.repository.ModelLoadException;
import io.edgeai.inference.repository.ModelNotFoundException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps failures of the protocol endpoints to the protocol's error body {@code {"error": "..."}}. */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Boot's problem-details handler, which would answer problem+json
@RestControllerAdvice(basePackageClasses = OipErrorHandler.class)
public class OipErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(OipErrorHandler.class);

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ModelNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({InvalidInputException.class, ModelLoadException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof tools.jackson.core.JacksonException j ? j.getOriginalMessage()
                + " at " + j.getPathReference() : "body is missing or not JSON";
        return error(HttpStatus.BAD_REQUEST, "invalid request body: " + detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json");
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Map<String, String>> queueFull(QueueFullException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(InferenceFailedException.class)
    ResponseEntity<Map<String, String>> failed(InferenceFailedException e) {
        log.error("inference failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}

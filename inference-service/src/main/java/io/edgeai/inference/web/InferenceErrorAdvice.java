package io.edgeai.inference.web;

import io.edgeai.inference.batching.QueueFullException;
import io.edgeai.inference.csvtrain.CsvTrainController;
import io.edgeai.inference.finetune.FineTuneController;
import io.edgeai.inference.protocol.InvalidInputException;
import io.edgeai.inference.repository.DependencyUnavailableException;
import io.edgeai.inference.repository.InferenceFailedException;
import io.edgeai.inference.repository.ModelLoadException;
import io.edgeai.inference.repository.ModelNotFoundException;
import io.edgeai.inference.training.core.TrainingRejectedException;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The service's one error advice: every failure of a {@code /v2} endpoint becomes the Open Inference Protocol's
 * error body {@code {"error": "..."}} with a 4xx naming the problem (5xx only when the model itself fails). The
 * training endpoints (CSV upload, fine-tuning, promote) speak the same body; where a failure means something else
 * there (a trained version that does not load is the server's fault, not the request's), the handler says so.
 */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Boot's problem-details handler, which would answer problem+json
@RestControllerAdvice(basePackages = "io.edgeai.inference")
public class InferenceErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(InferenceErrorAdvice.class);

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ModelNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalidInput(InvalidInputException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ModelLoadException.class)
    ResponseEntity<Map<String, String>> loadFailed(ModelLoadException e, HandlerMethod handler) {
        if (training(handler)) {
            log.warn("a trained version did not load: {}", e.getMessage());
            return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        }
        return error(HttpStatus.BAD_REQUEST, e.getMessage()); // the repository API asked for a model that is broken
    }

    @ExceptionHandler(TrainingRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(TrainingRejectedException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Map<String, String>> queueFull(QueueFullException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(DependencyUnavailableException.class)
    ResponseEntity<Map<String, String>> dependencyUnavailable(DependencyUnavailableException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(InferenceFailedException.class)
    ResponseEntity<Map<String, String>> failed(InferenceFailedException e) {
        log.error("inference failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e, HandlerMethod handler) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof tools.jackson.core.JacksonException j ? j.getOriginalMessage()
                + (training(handler) ? "" : " at " + j.getPathReference()) : "body is missing or not JSON";
        return error(HttpStatus.BAD_REQUEST, "invalid request body: " + detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e, HandlerMethod handler) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, training(handler)
                ? "send multipart/form-data (parts 'file' and 'mapping') or text/csv with query parameter 'mapping'"
                        + " (JSON bodies for fine-tuning)"
                : "send application/json");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than allowed "
                + "(edge.inference.site-training.max-upload-size)");
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MissingServletRequestParameterException.class,
            MultipartException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** True for the training endpoints, whose clients upload CSVs and start jobs rather than call the protocol. */
    private static boolean training(HandlerMethod handler) {
        Class<?> type = handler == null ? null : handler.getBeanType();
        return type == CsvTrainController.class || type == FineTuneController.class;
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}

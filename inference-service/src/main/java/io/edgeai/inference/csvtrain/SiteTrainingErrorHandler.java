package io.edgeai.inference.csvtrain;

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
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Maps failures of the training endpoints (CSV train, fine-tune jobs, promote) to the OIP error body. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = {"io.edgeai.inference.csvtrain", "io.edgeai.inference.finetune"})
public class SiteTrainingErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SiteTrainingErrorHandler.class);

    @ExceptionHandler(TrainingRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(TrainingRejectedException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ModelNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ModelLoadException.class)
    ResponseEntity<Map<String, String>> loadFailed(ModelLoadException e) {
        log.warn("a trained version did not load: {}", e.getMessage());
        return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
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

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof tools.jackson.core.JacksonException j ? j.getOriginalMessage()
                : "body is missing or not JSON";
        return error(HttpStatus.BAD_REQUEST, "invalid request body: " + detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send multipart/form-data (parts 'file' and 'mapping') or "
                + "text/csv with query parameter 'mapping' (JSON bodies for fine-tuning)");
    }

    static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}

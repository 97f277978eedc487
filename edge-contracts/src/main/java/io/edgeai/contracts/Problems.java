package io.edgeai.contracts;

import java.net.URI;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;

/** Builds the suite's RFC 9457 problem+json bodies, so every service words its errors the same way. */
public final class Problems {

    /** Seconds a client is told to wait before retrying when a service cannot be asked now. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    /** A validation failure: {@code errors} names every offending field, never only the first. */
    public static ProblemDetail validation(HttpStatus status, List<FieldViolation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid; see errors";
        ProblemDetail problem = of(status, ProblemTypes.VALIDATION, "Invalid request", detail);
        problem.setProperty("errors", List.copyOf(violations));
        return problem;
    }

    /**
     * The 400 for a request body that could not be read: malformed JSON, or a value of the wrong type or format,
     * naming the field as a JSON path (e.g. {@code readings[3].timestamp}) when the parser knows it.
     */
    public static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        String field = "body";
        String message = "is not valid JSON for this endpoint";
        Throwable cause = ex.getCause();
        // Converters may wrap the parser's error; its path is what names the field.
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException je) {
            String path = jsonPath(je.getPath());
            if (!path.isEmpty()) {
                field = path;
                message = "has the wrong type or format: " + je.getOriginalMessage();
            } else {
                message = "is not valid JSON: " + je.getOriginalMessage();
            }
        }
        return validation(HttpStatus.BAD_REQUEST, List.of(new FieldViolation(field, message)));
    }

    /** A Jackson reference path spelled the way the suite names fields: {@code readings[3].timestamp}. */
    public static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * The 503 for a service that cannot be asked now; answer it with a {@code Retry-After} of
     * {@link #RETRY_AFTER_SECONDS}.
     */
    public static ProblemDetail serviceUnavailable(String title, String detail) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, title, detail);
    }

    /** The MDC key of the current trace id, and the problem member that carries it. */
    public static final String TRACE_ID = "traceId";

    /** A problem with a type, a short title and a human-readable detail. */
    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        // The trace of the request (Micrometer Tracing puts it in the MDC): the caller can quote it, the operator
        // finds the request in every service's log with it.
        String traceId = MDC.get(TRACE_ID);
        if (traceId != null && !traceId.isBlank()) {
            problem.setProperty(TRACE_ID, traceId);
        }
        return problem;
    }
}

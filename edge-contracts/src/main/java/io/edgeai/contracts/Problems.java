package io.edgeai.contracts;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the suite's RFC 9457 problem+json bodies, so every service words its errors the same way. */
public final class Problems {

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

    /** A problem with a type, a short title and a human-readable detail. */
    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}

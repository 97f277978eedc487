package io.edgeai.gateway.web;

import io.edgeai.contracts.Problems;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The 503 problem+json the gateway answers when a service behind it cannot be asked now (a route's fallback, a
 * pipeline stage, feedback's data-shard): it names the service and tells the client to retry in 5 s.
 */
public final class ServiceUnavailable {

    private ServiceUnavailable() {
    }

    /** The answer naming {@code service}; {@code instance} is the path the client asked for (null: unknown). */
    public static ResponseEntity<Object> answer(String service, String detail, String instance) {
        ProblemDetail problem = Problems.serviceUnavailable("Service unavailable", detail);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("service", service);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                Problems.RETRY_AFTER_SECONDS).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

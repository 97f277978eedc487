package io.edgeai.gateway.routing;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.Problems;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** What a route answers when its service is down, too slow, or its circuit is open: 503 problem+json. */
@RestController
public class FallbackController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FallbackController.class);

    @RequestMapping("/fallback/{service}")
    public ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause != null && !(cause.getClass().getSimpleName().contains("CallNotPermitted"))) {
            // Operators need the cause of a failing route; an open circuit is logged once when it opens.
            log.warn("{} {} failed: {}", service, exchange.getRequest().getPath().value(), cause.toString());
        }
        String why = cause instanceof TimeoutException ? "did not answer in time"
                : cause != null && cause.getClass().getSimpleName().contains("CallNotPermitted")
                ? "is failing; its circuit is open" : "is not reachable";
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable", "The " + service + " service " + why + "; retry later.");
        problem.setProperty("service", service);
        String path = exchange.getAttribute(OriginalPathFilter.ATTRIBUTE);
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

package io.edgeai.gateway.routing;

import io.edgeai.contracts.ProblemTypes;
import io.edgeai.contracts.Problems;
import io.edgeai.gateway.web.ServiceUnavailable;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
    public ResponseEntity<Object> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
            // Only a route's circuit breaker forwards here; a client asking for /fallback/x directly got a 503 for
            // a path that serves nothing (found by the fault suite's corpus).
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                            "No such resource."));
        }
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause != null && !(cause.getClass().getSimpleName().contains("CallNotPermitted"))) {
            // Operators need the cause of a failing route; an open circuit is logged once when it opens.
            log.warn("{} {} failed: {}", service, exchange.getRequest().getPath().value(), cause.toString());
        }
        String why = cause instanceof TimeoutException ? "did not answer in time"
                : cause != null && cause.getClass().getSimpleName().contains("CallNotPermitted")
                ? "is failing; its circuit is open" : "is not reachable";
        return ServiceUnavailable.answer(service, "The " + service + " service " + why + "; retry later.",
                exchange.getAttribute(OriginalPathFilter.ATTRIBUTE));
    }
}

package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.routing.DownstreamProperties;
import io.edgeai.gateway.security.SecurityProperties;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Calls one stage of the pipeline (preprocessing, inference, postprocessing) with the internal credential, its
 * time limit, and the same circuit breaker as the stage's public route.
 */
@Component
public class StageClient {

    private final WebClient http = WebClient.builder()
            .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();
    private final DownstreamProperties services;
    private final ReactiveCircuitBreakerFactory<?, ?> breakers;
    private final String token;

    public StageClient(DownstreamProperties services, ReactiveCircuitBreakerFactory<?, ?> breakers,
                       SecurityProperties security) {
        this.services = services;
        this.breakers = breakers;
        this.token = security.internalToken();
    }

    /** POSTs a JSON body to a stage and returns its JSON answer, or fails with a {@link StageException}. */
    public Mono<JsonNode> post(String stage, String path, Object body) {
        DownstreamProperties.Downstream service = services.services().get(stage);
        Mono<JsonNode> call = http.post()
                .uri(service.uri().resolve(path))
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (token != null) {
                        h.set(InternalCredential.HEADER, token);
                    }
                })
                .bodyValue(body)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class);
                    }
                    return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(text ->
                            Mono.error(response.statusCode().is4xxClientError()
                                    ? StageException.rejected(stage, response.statusCode(), text)
                                    : StageException.unavailable(stage, "answered " + response.statusCode(), null)));
                })
                .timeout(service.timeout());
        return breakers.create(stage).run(call, error -> Mono.error(error instanceof StageException se ? se
                : StageException.unavailable(stage, error instanceof TimeoutException
                        ? "no answer within " + service.timeout().toMillis() + " ms" : describe(error), error)));
    }

    private static String describe(Throwable error) {
        String name = error.getClass().getSimpleName();
        return error.getMessage() == null ? name : name + ": " + error.getMessage();
    }
}

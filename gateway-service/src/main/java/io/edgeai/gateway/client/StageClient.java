package io.edgeai.gateway.client;

import io.edgeai.gateway.config.DownstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Calls one stage of the pipeline (preprocessing, inference, postprocessing) through the downstream client (which
 * carries the internal credential), with the stage's time limit and the same circuit breaker as its public route;
 * a stage with several replicas ({@link ReplicaBalancer}) is called round-robin, failing over on refused connections.
 */
@Component
public class StageClient {

    private final WebClient http;
    private final DownstreamProperties services;
    private final ReactiveCircuitBreakerFactory<?, ?> breakers;
    private final MeterRegistry meters;
    private final ReplicaBalancer replicas;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<String, ReactiveCircuitBreaker> stageBreakers = new ConcurrentHashMap<>();

    public StageClient(WebClient http, DownstreamProperties services, ReactiveCircuitBreakerFactory<?, ?> breakers,
                       MeterRegistry meters, ReplicaBalancer replicas) {
        this.http = http;
        this.replicas = replicas;
        this.meters = meters;
        this.services = services;
        this.breakers = breakers;
    }

    /** POSTs a contract record to a stage and reads its answer as {@code answer}. */
    public <T> Mono<T> post(String stage, String path, Object body, Class<T> answer) {
        return post(stage, path, body, false, answer);
    }

    /**
     * POSTs a JSON body to a stage and reads its answer as {@code answer}, or fails with a {@link StageException};
     * {@code noCache} sends {@code Cache-Control: no-cache}.
     */
    public <T> Mono<T> post(String stage, String path, Object body, boolean noCache, Class<T> answer) {
        DownstreamProperties.Downstream service = services.services().get(stage);
        Mono<T> call = Mono.defer(() -> firstAnswering(stage, replicas.candidates(stage), 0,
                        replica -> exchange(stage, replica.resolve(path), body, noCache, answer)))
                .retryWhen(Retry.max(1).filter(error -> retryable(stage, error))
                        .doBeforeRetry(retry -> meters.counter("edge.pipeline.stage.retries", "stage", stage)
                                .increment())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .timeout(service.timeout());
        // One breaker object per stage: create(...) builds a new wrapper (and looks its configuration up) per call.
        ReactiveCircuitBreaker breaker = stageBreakers.computeIfAbsent(stage, breakers::create);
        Mono<T> guarded = breaker.run(call, error -> Mono.error(error instanceof StageException se
                ? se : StageException.unavailable(stage, error instanceof TimeoutException
                        ? "no answer within " + service.timeout().toMillis() + " ms" : describe(error), error)));
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return guarded.doOnEach(signal -> {
                if (signal.isOnNext() || signal.isOnError()) {
                    recordStage(stage, !signal.isOnError(), System.nanoTime() - start);
                }
            });
        });
    }

    /**
     * A best-effort call: one attempt (replicas that refuse the connection are skipped), bounded by {@code timeout},
     * outside the stage's circuit breaker so that its failures never open the breaker of the pipeline's own calls.
     */
    public <T> Mono<T> postBestEffort(String stage, String path, Object body, Class<T> answer,
                                      java.time.Duration timeout) {
        return Mono.defer(() -> firstAnswering(stage, replicas.candidates(stage), 0,
                        replica -> exchange(stage, replica.resolve(path), body, false, answer)))
                .timeout(timeout);
    }

    private <T> Mono<T> exchange(String stage, URI uri, Object body, boolean noCache, Class<T> answer) {
        return http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (noCache) {
                        h.setCacheControl("no-cache");
                    }
                })
                .bodyValue(body)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(answer);
                    }
                    return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(text ->
                            Mono.error(response.statusCode().is4xxClientError()
                                    ? StageException.rejected(stage, response.statusCode(), text)
                                    : StageException.unavailable(stage, "answered " + response.statusCode(), null)));
                });
    }

    /**
     * Calls the stage's replicas in turn until one takes the connection: a replica that refuses it (dead,
     * restarting) was sent nothing, so the next one gets the same request. A failure after the connection (an
     * answer, a reset, a time-out) is the call's result.
     */
    private <T> Mono<T> firstAnswering(String stage, List<URI> candidates, int index, Function<URI, Mono<T>> call) {
        URI replica = candidates.get(index);
        return call.apply(replica).onErrorResume(
                e -> index + 1 < candidates.size() && ReplicaBalancer.isConnectFailure(e),
                e -> {
                    replicas.refused(stage, replica);
                    return firstAnswering(stage, candidates, index + 1, call);
                });
    }

    /**
     * Records how long the pipeline waited for one stage ({@code edge.pipeline.stage}); also used for the spool,
     * which is a stage without HTTP. Timers are looked up once per stage and outcome, not on every reading.
     */
    public void recordStage(String stage, boolean ok, long nanos) {
        stageTimers.computeIfAbsent(stage + (ok ? "/ok" : "/error"), key -> Timer.builder("edge.pipeline.stage")
                        .description("Time the pipeline waited for one stage's answer, per stage and outcome")
                        .tag("stage", stage).tag("outcome", ok ? "ok" : "error").register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Whether a failed call may be sent once more. Inference is a pure function of its input, so any failure to get
     * an answer may be retried. Preprocessing's rolling windows and postprocessing's debounce would see a reading
     * twice if the first attempt did arrive, so those are retried only when no connection was made at all.
     */
    static boolean retryable(String stage, Throwable error) {
        if (!(error instanceof WebClientRequestException)) {
            return false;
        }
        return "inference".equals(stage) || error.getCause() instanceof ConnectException;
    }

    private static String describe(Throwable error) {
        String name = error.getClass().getSimpleName();
        return error.getMessage() == null ? name : name + ": " + error.getMessage();
    }
}

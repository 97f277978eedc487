package io.edgeai.inference.metrics;

import io.edgeai.inference.batching.BatchObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Triton-style metrics of one model version, tagged {@code model} and {@code version}:
 * {@code inference_request_success_total}, {@code inference_request_failure_total{reason}},
 * {@code inference_count_total} (rows inferred) vs {@code inference_execution_count_total} (batches run),
 * {@code inference_queue_duration_seconds}, {@code inference_compute_duration_seconds},
 * {@code inference_request_duration_seconds}, {@code inference_batch_size} and {@code inference_pending_requests}.
 */
public final class ModelVersionMetrics implements BatchObserver {

    /** Why a request failed, as the {@code reason} tag. */
    public enum Failure {
        BAD_INPUT("bad_input"), QUEUE_FULL("queue_full"), BACKEND("backend");

        private final String tag;

        Failure(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter success;
    private final Map<Failure, Counter> failures = new ConcurrentHashMap<>();
    private final Counter inferenceCount;
    private final Counter executionCount;
    private final Counter truncated;
    private final Timer queueTime;
    private final Timer computeTime;
    private final Timer requestTime;
    private final DistributionSummary batchSize;
    private Gauge pending;

    public ModelVersionMetrics(MeterRegistry registry, String model, long version) {
        this.registry = registry;
        this.tags = Tags.of("model", model, "version", Long.toString(version));
        this.success = Counter.builder("inference.request.success").tags(tags)
                .description("Inference requests answered").register(registry);
        for (Failure f : Failure.values()) {
            failures.put(f, Counter.builder("inference.request.failure").tags(tags).tag("reason", f.tag)
                    .description("Inference requests that failed").register(registry));
        }
        this.inferenceCount = Counter.builder("inference.count").tags(tags)
                .description("Rows inferred (a batch of n rows counts n)").register(registry);
        this.executionCount = Counter.builder("inference.execution.count").tags(tags)
                .description("Model executions (one per batch)").register(registry);
        this.truncated = Counter.builder("inference.text.truncated").tags(tags)
                .description("Texts longer than the encoder's token limit, cut (text models)").register(registry);
        this.queueTime = Timer.builder("inference.queue.duration").tags(tags)
                .description("Time requests waited in the batch queue").register(registry);
        this.computeTime = Timer.builder("inference.compute.duration").tags(tags)
                .description("Time of one model execution").register(registry);
        this.requestTime = Timer.builder("inference.request.duration").tags(tags)
                .description("Time from request decoded to outputs ready").register(registry);
        this.batchSize = DistributionSummary.builder("inference.batch.size").tags(tags)
                .description("Rows per execution").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
    }

    /** Publishes the number of waiting requests. */
    public void pendingRequests(Supplier<Number> queued) {
        pending = Gauge.builder("inference.pending.requests", queued).tags(tags)
                .description("Requests waiting in the batch queue").register(registry);
    }

    public void succeeded(long nanos) {
        success.increment();
        requestTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void failed(Failure reason) {
        failures.get(reason).increment();
    }

    @Override
    public void queued(long nanos) {
        queueTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void executed(int requests, int rows, long nanos, boolean ok) {
        if (!ok) {
            return;
        }
        executionCount.increment();
        inferenceCount.increment(rows);
        batchSize.record(rows);
        computeTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts the texts of an answer that were cut to the encoder's token limit. */
    public void truncated(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        if (n > 0) {
            truncated.increment(n);
        }
    }

    /** Drops the gauge that points at a closed batcher; counters stay so totals survive reloads. */
    public void close() {
        if (pending != null) {
            registry.remove(pending);
        }
    }
}

package io.edgeai.inference.repository;

import io.edgeai.inference.batching.BatchingSettings;
import io.edgeai.inference.batching.DynamicBatcher;
import io.edgeai.inference.batching.QueueFullException;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.metrics.ModelVersionMetrics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded, servable version: its config, its batcher and runner, and a count of the requests using it, so that a
 * retired version (replaced or unloaded) is closed only once its last in-flight request has its answer.
 */
public final class ModelVersion {

    private static final Logger log = LoggerFactory.getLogger(ModelVersion.class);

    private final String model;
    private final long version;
    private final ModelConfig config;
    private final byte[] configJson;
    private final String fingerprint;
    private final ModelRunner runner;
    private final DynamicBatcher batcher;
    private final ModelVersionMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    ModelVersion(String model, long version, ModelConfig config, byte[] configJson, String fingerprint,
                 ModelRunner runner, BatchingSettings settings, ModelVersionMetrics metrics) {
        this.model = model;
        this.version = version;
        this.config = config;
        this.configJson = configJson;
        this.fingerprint = fingerprint;
        this.runner = runner;
        this.batcher = new DynamicBatcher(model + "-" + version, runner, settings, metrics, inFlight::get);
        this.metrics = metrics;
        metrics.pendingRequests(batcher::queued);
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }

    public ModelConfig config() {
        return config;
    }

    /** model.json exactly as on disk (the configuration endpoint serves it). */
    public byte[] configJson() {
        return configJson.clone();
    }

    String fingerprint() {
        return fingerprint;
    }

    public ModelVersionMetrics metrics() {
        return metrics;
    }

    /** Names of the per-row facts the runner returns after the declared outputs (see ModelRunner). */
    public List<String> rowParameters() {
        return runner.rowParameters();
    }

    /**
     * Runs one request through the batcher and waits for its own outputs.
     *
     * @throws QueueFullException      when the version's queue is full
     * @throws InferenceFailedException when the model failed
     */
    public List<Tensor> infer(List<Tensor> inputs) {
        long start = System.nanoTime();
        var future = submit(inputs);
        try {
            List<Tensor> out = future.get();
            metrics.succeeded(System.nanoTime() - start);
            return out;
        } catch (ExecutionException e) {
            metrics.failed(ModelVersionMetrics.Failure.BACKEND);
            if (e.getCause() instanceof DependencyUnavailableException d) {
                throw d;
            }
            if (e.getCause() instanceof QueueFullException q) {
                throw q; // a chained model's queue (a classifier's encoder) is full: 503 like our own
            }
            throw new InferenceFailedException("model " + model + " version " + version + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.failed(ModelVersionMetrics.Failure.BACKEND);
            throw new InferenceFailedException("interrupted", e);
        }
    }

    /**
     * The request's own rows explained on the caller's thread (not through the batcher: explanations are opt-in
     * and several times the cost of a prediction, so they never slow the batched fast path of other requests).
     *
     * @return null when this model cannot explain its answers
     */
    public io.edgeai.inference.compute.Attributions explain(List<Tensor> inputs) {
        try {
            return runner.explain(inputs);
        } catch (RuntimeException e) {
            metrics.failed(ModelVersionMetrics.Failure.BACKEND);
            throw new InferenceFailedException("model " + model + " version " + version + " failed to explain: "
                    + e.getMessage(), e);
        }
    }

    private java.util.concurrent.CompletableFuture<List<Tensor>> submit(List<Tensor> inputs) {
        try {
            return batcher.submit(inputs);
        } catch (QueueFullException e) {
            metrics.failed(ModelVersionMetrics.Failure.QUEUE_FULL);
            throw new QueueFullException("model " + model + " version " + version + ": " + e.getMessage());
        }
    }

    /** Registers a request; false when the version was retired meanwhile (the caller looks again). */
    boolean tryAcquire() {
        inFlight.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    /** No new requests; closes as soon as the in-flight ones are answered. */
    void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            closeOnce();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            batcher.close();
            runner.close();
            metrics.close();
            log.info("closed model {} version {}", model, version);
        }
    }
}

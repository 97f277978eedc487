package io.edgeai.inference.batching;

/**
 * The knobs of one model version's batcher, as in Triton's dynamic batching.
 *
 * @param maxBatchSize       most rows merged into one execution (a larger single request still runs, alone)
 * @param maxQueueDelayNanos how long the first request of a batch waits for others to join
 * @param maxQueueSize       requests that may wait; one more is rejected at once
 * @param enabled            false executes every request alone, in arrival order
 * @param instances          executions that may run at the same time (worker threads)
 */
public record BatchingSettings(int maxBatchSize, long maxQueueDelayNanos, int maxQueueSize, boolean enabled,
                               int instances) {

    public BatchingSettings {
        if (maxBatchSize < 1 || maxQueueSize < 1 || instances < 1 || maxQueueDelayNanos < 0) {
            throw new IllegalArgumentException("invalid batching settings");
        }
    }
}

package io.edgeai.inference.batching;

/** Told what the batcher does, for metrics. Called from worker threads; must be cheap. */
public interface BatchObserver {

    /** A request left the queue after waiting {@code nanos}. */
    void queued(long nanos);

    /** One execution ran {@code rows} rows from {@code requests} requests in {@code nanos}. */
    void executed(int requests, int rows, long nanos, boolean success);

    BatchObserver NONE = new BatchObserver() {
        @Override
        public void queued(long nanos) {
        }

        @Override
        public void executed(int requests, int rows, long nanos, boolean success) {
        }
    };
}

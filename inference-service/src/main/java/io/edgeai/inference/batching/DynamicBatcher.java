package io.edgeai.inference.batching;

import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Merges concurrent requests for one model version into batches, like Triton's dynamic batcher: a worker takes the
 * oldest request, then keeps adding queued requests until the batch holds {@code max_batch_size} rows or the oldest
 * has waited {@code max_queue_delay}; it runs the batch once and hands every request exactly its own rows back.
 * The queue is bounded and a request that does not fit is rejected at once rather than left to time out.
 */
public final class DynamicBatcher implements AutoCloseable {

    private static final long IDLE_POLL_MILLIS = 200;

    private final ModelRunner runner;
    private final BatchingSettings settings;
    private final BatchObserver observer;
    private final BlockingQueue<Pending> queue;
    private final IntSupplier outstanding;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private record Pending(List<Tensor> inputs, int rows, long enqueuedNanos, CompletableFuture<List<Tensor>> result) {
    }

    public DynamicBatcher(String name, ModelRunner runner, BatchingSettings settings, BatchObserver observer) {
        this(name, runner, settings, observer, () -> Integer.MAX_VALUE);
    }

    /**
     * @param outstanding requests currently on their way to or inside this batcher (e.g. the model version's
     *                    in-flight count); when the batch already holds all of them nobody can join it, so it runs
     *                    at once instead of sitting out the queue delay (a lone request pays no delay)
     */
    public DynamicBatcher(String name, ModelRunner runner, BatchingSettings settings, BatchObserver observer,
                          IntSupplier outstanding) {
        this.runner = runner;
        this.outstanding = outstanding;
        this.settings = settings;
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
        for (int i = 0; i < settings.instances(); i++) {
            Thread t = new Thread(this::work, "batcher-" + name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Queues one request (inputs in model order, all with the same number of rows).
     *
     * @return the request's outputs, in model order
     * @throws QueueFullException when max_queue_size requests are already waiting
     */
    public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs) {
        if (closed) {
            throw new IllegalStateException("batcher is closed");
        }
        Pending p = new Pending(inputs, inputs.get(0).rows(), System.nanoTime(), new CompletableFuture<>());
        if (!queue.offer(p)) {
            throw new QueueFullException("queue of " + settings.maxQueueSize() + " requests is full");
        }
        return p.result;
    }

    /** Requests waiting to be batched. */
    public int queued() {
        return queue.size();
    }

    public BatchingSettings settings() {
        return settings;
    }

    private void work() {
        Pending carry = null;
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = carry != null ? carry : queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            carry = null;
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            int rows = first.rows;
            if (settings.enabled()) {
                long deadline = first.enqueuedNanos + settings.maxQueueDelayNanos();
                while (rows < settings.maxBatchSize()) {
                    Pending next = queue.poll();
                    if (next == null) {
                        long wait = deadline - System.nanoTime();
                        if (wait <= 0 || batch.size() >= outstanding.getAsInt()) {
                            break;
                        }
                        try {
                            next = queue.poll(wait, TimeUnit.NANOSECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                        if (next == null) {
                            break;
                        }
                    }
                    if (rows + next.rows > settings.maxBatchSize()) {
                        carry = next; // starts the next batch, so arrival order is kept
                        break;
                    }
                    batch.add(next);
                    rows += next.rows;
                }
            }
            execute(batch, rows);
        }
    }

    private void execute(List<Pending> batch, int rows) {
        long start = System.nanoTime();
        for (Pending p : batch) {
            observer.queued(start - p.enqueuedNanos);
        }
        List<Tensor> outputs;
        try {
            outputs = runner.run(merge(batch));
        } catch (RuntimeException | Error e) {
            observer.executed(batch.size(), rows, System.nanoTime() - start, false);
            for (Pending p : batch) {
                p.result.completeExceptionally(e);
            }
            return;
        }
        observer.executed(batch.size(), rows, System.nanoTime() - start, true);
        int offset = 0;
        for (Pending p : batch) {
            List<Tensor> own = new ArrayList<>(outputs.size());
            for (Tensor out : outputs) {
                own.add(batch.size() == 1 ? out : out.rows(offset, p.rows));
            }
            offset += p.rows;
            p.result.complete(own);
        }
    }

    private static List<Tensor> merge(List<Pending> batch) {
        if (batch.size() == 1) {
            return batch.get(0).inputs;
        }
        int inputs = batch.get(0).inputs.size();
        List<Tensor> merged = new ArrayList<>(inputs);
        List<Tensor> parts = new ArrayList<>(batch.size());
        for (int i = 0; i < inputs; i++) {
            parts.clear();
            for (Pending p : batch) {
                parts.add(p.inputs.get(i));
            }
            merged.add(Tensor.concat(parts));
        }
        return merged;
    }

    /** Stops taking requests, lets the workers finish what is queued, then returns. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

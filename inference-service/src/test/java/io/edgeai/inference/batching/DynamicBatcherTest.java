package io.edgeai.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    /** Doubles its input; records batch sizes; can be held closed to let a queue build up. */
    static final class DoublingRunner implements ModelRunner {
        final List<Integer> batchRows = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;

        DoublingRunner(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public List<Tensor> run(List<Tensor> inputs) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Tensor in = inputs.get(0);
            float[] x = (float[]) in.data();
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 2 * x[i];
            }
            batchRows.add(in.rows());
            return List.of(new Tensor(Datatype.FP32, in.shape(), y));
        }

        @Override
        public void close() {
        }
    }

    static List<Tensor> rows(float... values) {
        return List.of(new Tensor(Datatype.FP32, new long[] {values.length, 1}, values));
    }

    @Test
    void queuedRequestsAreMergedUpToMaxBatchSizeAndEachGetsItsOwnRows() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        DoublingRunner runner = new DoublingRunner(gate);
        try (DynamicBatcher batcher = new DynamicBatcher("t", runner,
                new BatchingSettings(4, TimeUnit.MILLISECONDS.toNanos(50), 100, true, 1), BatchObserver.NONE)) {
            // the first request occupies the (held) runner; the next ones queue up behind it
            CompletableFuture<List<Tensor>> first = batcher.submit(rows(0));
            await().until(() -> batcher.queued() == 0);
            List<CompletableFuture<List<Tensor>>> rest = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                rest.add(batcher.submit(i == 3 ? rows(i, 100 + i) : rows(i)));
            }
            gate.countDown();
            assertThat(((float[]) first.get(5, TimeUnit.SECONDS).get(0).data())).containsExactly(0f);
            for (int i = 1; i <= 6; i++) {
                float[] out = (float[]) rest.get(i - 1).get(5, TimeUnit.SECONDS).get(0).data();
                assertThat(out).containsExactly(i == 3 ? new float[] {2f * i, 2f * (100 + i)} : new float[] {2f * i});
            }
            // 7 rows behind the first: batches never exceed 4 rows and requests were merged
            assertThat(runner.batchRows).allMatch(r -> r <= 4);
            assertThat(runner.batchRows.size()).isLessThan(7);
        }
    }

    @Test
    void aFullQueueRejectsAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        DoublingRunner runner = new DoublingRunner(gate);
        try (DynamicBatcher batcher = new DynamicBatcher("t", runner,
                new BatchingSettings(1, 0, 2, true, 1), BatchObserver.NONE)) {
            CompletableFuture<List<Tensor>> running = batcher.submit(rows(1));
            await().until(() -> batcher.queued() == 0);
            CompletableFuture<List<Tensor>> a = batcher.submit(rows(2));
            CompletableFuture<List<Tensor>> b = batcher.submit(rows(3));
            assertThatThrownBy(() -> batcher.submit(rows(4))).isInstanceOf(QueueFullException.class);
            gate.countDown();
            assertThat(CompletableFuture.allOf(running, a, b).get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void disabledBatchingRunsEveryRequestAlone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        DoublingRunner runner = new DoublingRunner(gate);
        try (DynamicBatcher batcher = new DynamicBatcher("t", runner,
                new BatchingSettings(8, TimeUnit.MILLISECONDS.toNanos(50), 100, false, 1), BatchObserver.NONE)) {
            List<CompletableFuture<List<Tensor>>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(batcher.submit(rows(i)));
            }
            gate.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertThat(runner.batchRows).containsExactly(1, 1, 1, 1, 1);
        }
    }

    @Test
    void aLoneRequestWaitsAtMostTheQueueDelay() throws Exception {
        DoublingRunner runner = new DoublingRunner(new CountDownLatch(0));
        try (DynamicBatcher batcher = new DynamicBatcher("t", runner,
                new BatchingSettings(8, TimeUnit.MILLISECONDS.toNanos(20), 100, true, 1), BatchObserver.NONE)) {
            long start = System.nanoTime();
            batcher.submit(rows(1)).get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void whenNoOtherRequestIsOnItsWayTheBatchRunsWithoutWaiting() throws Exception {
        DoublingRunner runner = new DoublingRunner(new CountDownLatch(0));
        try (DynamicBatcher batcher = new DynamicBatcher("t", runner,
                new BatchingSettings(8, TimeUnit.SECONDS.toNanos(30), 100, true, 1), BatchObserver.NONE, () -> 1)) {
            // a 30 s queue delay, yet the lone request is answered at once
            assertThat(batcher.submit(rows(1)).get(5, TimeUnit.SECONDS).get(0).data()).isEqualTo(new float[] {2f});
        }
    }

    @Test
    void aModelFailureFailsOnlyThatBatchsRequests() throws Exception {
        ModelRunner failing = new ModelRunner() {
            @Override
            public List<Tensor> run(List<Tensor> inputs) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void close() {
            }
        };
        try (DynamicBatcher batcher = new DynamicBatcher("t", failing,
                new BatchingSettings(8, 0, 100, true, 1), BatchObserver.NONE)) {
            assertThatThrownBy(() -> batcher.submit(rows(1)).get(5, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        }
    }
}

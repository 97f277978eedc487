package io.edgeai.inference.training.core;

import io.edgeai.inference.compute.TorchThreads;
import io.edgeai.inference.config.SiteTrainingProperties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one place training runs: a single low-priority thread with a small queue, so at most one training run uses
 * the CPU and inference keeps its share. The thread applies PyTorch's thread count ({@code ai.djl.pytorch.num_threads},
 * 1 by default; see {@link TorchThreads}) before it trains, so one run never takes more than that many cores.
 */
@Component
public class TrainingExecutor implements DisposableBean {

    private final ThreadPoolExecutor pool;

    public TrainingExecutor(SiteTrainingProperties properties) {
        this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.queueCapacity())), r -> {
                    Thread t = new Thread(() -> {
                        TorchThreads.configureCurrentThread();
                        r.run();
                    }, "site-training");
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
    }

    /**
     * Queues a run.
     *
     * @throws TrainingRejectedException (503) when one run trains and the queue is full
     */
    public <T> Future<T> submit(Callable<T> run) {
        try {
            return pool.submit(run);
        } catch (RejectedExecutionException e) {
            throw new TrainingRejectedException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the training queue is full (one run trains, " + pool.getQueue().size()
                            + " wait); try again when a job has finished");
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}

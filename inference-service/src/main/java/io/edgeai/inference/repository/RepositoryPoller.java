package io.edgeai.inference.repository;

import io.edgeai.inference.config.RepositoryProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks the repository folder every {@code edge.inference.poll-interval} so that a version dropped in (or
 * removed) is served without a restart. Polling rather than a file watch: it works the same on every file system,
 * bind mount and volume, and a folder must look the same on two polls in a row before it is loaded.
 */
@Component
public class RepositoryPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepositoryPoller.class);

    private final ModelRepository repository;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public RepositoryPoller(ModelRepository repository, RepositoryProperties properties) {
        this.repository = repository;
        this.interval = properties.pollInterval();
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-repository-poller");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            repository.poll();
        } catch (RuntimeException e) {
            log.warn("model repository poll failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

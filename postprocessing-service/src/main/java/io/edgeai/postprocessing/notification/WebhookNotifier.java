package io.edgeai.postprocessing.notification;

import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.postprocessing.client.WebhookClient;
import io.edgeai.postprocessing.config.WebhookProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Posts alert events to the configured webhook, off the request thread, with exponential-backoff retries; an event
 * that still fails after {@code max-attempts} (or finds the queue full) goes to the {@link DeadLetterLog}.
 * Deliveries of different events are independent, so a retried event may arrive after a later one: receivers
 * should order by {@code timestamp} and deduplicate by {@code alertId} + {@code event}.
 */
@Component
public class WebhookNotifier {

    private final WebhookProperties properties;
    private final DeadLetterLog deadLetters;
    private final WebhookClient webhook;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter delivered;
    private final Counter retried;
    private final Clock clock = Clock.systemUTC();

    public WebhookNotifier(WebhookProperties properties, WebhookClient webhook, DeadLetterLog deadLetters,
                           MeterRegistry meters) {
        this.properties = properties;
        this.webhook = webhook;
        this.deadLetters = deadLetters;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "webhook-notifier");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.delivered = Counter.builder("edge.postprocessing.notifications").tag("outcome", "delivered")
                .description("Alert events accepted by the webhook").register(meters);
        this.retried = Counter.builder("edge.postprocessing.notifications").tag("outcome", "retried")
                .description("Webhook tries that failed and were scheduled again").register(meters);
        meters.gauge("edge.postprocessing.notifications.pending", pending);
    }

    /** Queues the events for delivery; does nothing when no webhook is configured. */
    public void publish(List<AlertEvent> events) {
        if (!properties.enabled()) {
            return;
        }
        for (AlertEvent event : events) {
            if (pending.incrementAndGet() > properties.queueCapacity()) {
                pending.decrementAndGet();
                deadLetters.add(new DeadLetter(event, 0, "notification queue full", clock.instant()));
                continue;
            }
            scheduler.execute(() -> attempt(event, 1));
        }
    }

    private void attempt(AlertEvent event, int attempt) {
        try {
            webhook.post(event);
            pending.decrementAndGet();
            delivered.increment();
        } catch (RuntimeException e) {
            if (attempt >= properties.maxAttempts()) {
                pending.decrementAndGet();
                deadLetters.add(new DeadLetter(event, attempt, e.getMessage(), clock.instant()));
                return;
            }
            retried.increment();
            long delay = (long) (properties.initialBackoff().toMillis()
                    * Math.pow(properties.backoffMultiplier(), attempt - 1));
            scheduler.schedule(() -> attempt(event, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}

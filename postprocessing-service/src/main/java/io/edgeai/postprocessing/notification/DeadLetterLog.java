package io.edgeai.postprocessing.notification;

import io.edgeai.postprocessing.config.WebhookProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where undeliverable alert events end up (like EdgeX support-notifications' failed transmissions): the newest
 * {@code dead-letter-capacity} in memory, every one in the log, and optionally appended to a JSON-lines file so an
 * operator can replay them.
 */
@Component
public class DeadLetterLog {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Deque<DeadLetter> recent = new ArrayDeque<>();
    private final Counter counter;

    public DeadLetterLog(WebhookProperties properties, JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.json = json;
        this.counter = Counter.builder("edge.postprocessing.notifications.dead.letters")
                .description("Alert events the webhook never accepted").register(meters);
    }

    public void add(DeadLetter letter) {
        counter.increment();
        log.warn("Dead letter: alert {} {} of {} not delivered after {} attempts: {}", letter.event().alertId(),
                letter.event().event(), letter.event().deviceId(), letter.attempts(), letter.lastError());
        synchronized (recent) {
            recent.addLast(letter);
            while (recent.size() > properties.deadLetterCapacity()) {
                recent.removeFirst();
            }
            if (properties.deadLetterFile() != null) {
                append(letter);
            }
        }
    }

    /** The newest dead letters, oldest first. */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    private void append(DeadLetter letter) {
        try {
            if (properties.deadLetterFile().getParent() != null) {
                Files.createDirectories(properties.deadLetterFile().getParent());
            }
            Files.writeString(properties.deadLetterFile(), json.writeValueAsString(letter) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            log.error("Could not append to the dead-letter file {}", properties.deadLetterFile(), e);
        }
    }
}

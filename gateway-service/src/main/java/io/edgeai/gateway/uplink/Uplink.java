package io.edgeai.gateway.uplink;

import io.edgeai.contracts.hub.AggregatePush;
import io.edgeai.contracts.hub.DailyAggregate;
import io.edgeai.gateway.client.HubClient;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.config.UplinkProperties;
import io.edgeai.gateway.spool.SpoolEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The site's uplink: on one thread, every {@code aggregate-interval} the closed days of the lookback are summarised
 * by every data-shard owner and changed summaries queued in the {@link Outbox}; on another, the outbox is delivered
 * to the hub oldest first, one item at a time. The hub unreachable or 5xx: the item stays and is tried again after
 * {@code push-interval}, for as long as it takes. The item refused (4xx naming a field): it is logged, kept in the
 * outbox's refused.log and passed, since no resend can change the answer. The site's key refused (401/403): nothing
 * moves until the key is fixed. Readings themselves never go through here.
 */
@Component
public class Uplink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Uplink.class);
    private static final ParameterizedTypeReference<List<DailyAggregate>> AGGREGATES = new ParameterizedTypeReference<>() {
    };

    private final UplinkProperties properties;
    private final HubClient hub;
    private final ShardRouter shards;
    private final WebClient downstream;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Outbox outbox;
    private volatile ScheduledExecutorService threads;
    private volatile String state = "UNKNOWN";
    private volatile Instant lastSync;
    private volatile Instant lastAttempt;
    private volatile String lastError;

    public Uplink(UplinkProperties properties, HubClient hub, ShardRouter shards, WebClient downstreamWebClient,
                  JsonMapper json, MeterRegistry meters) {
        this.properties = properties;
        this.hub = hub;
        this.shards = shards;
        this.downstream = downstreamWebClient;
        this.json = json;
        this.meters = meters;
    }

    public LinkState state() {
        Outbox o = outbox;
        return new LinkState(properties.enabled(), properties.enabled() ? state : "DISABLED",
                properties.enabled() ? properties.hubUri().toString() : null, o == null ? 0 : o.size(),
                delivered.get(), refused.get(), lastSync == null ? null : lastSync.toString(),
                lastAttempt == null ? null : lastAttempt.toString(), lastError);
    }

    /** Summarises the lookback's closed days now and queues what changed; answers how many items were queued. */
    public int collect() {
        Outbox o = outbox;
        if (o == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int queued = 0;
        for (int back = properties.lookbackDays(); back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            for (URI owner : shards.owners()) {
                List<DailyAggregate> found = downstream.get()
                        .uri(owner.resolve("/api/v1/aggregates/daily?day=" + day)).retrieve().bodyToMono(AGGREGATES)
                        .block(properties.timeout());
                for (DailyAggregate a : found == null ? List.<DailyAggregate>of() : found) {
                    queued += o.offer(a) ? 1 : 0;
                }
            }
        }
        o.forgetBefore(today.minusDays(properties.lookbackDays()));
        if (queued > 0) {
            log.info("queued {} daily summaries for the hub ({} waiting)", queued, o.size());
        }
        return queued;
    }

    private void collectQuietly() {
        try {
            collect();
        } catch (RuntimeException e) {
            log.warn("daily summaries not collected this time: {}", e.toString());
        }
    }

    /** Delivers the outbox until it is empty or the hub cannot take more now. */
    private void push() {
        Outbox o = outbox;
        try {
            SpoolEntry head = o.head();
            if (head == null) {
                Answer ping = call(() -> hub.get("/actuator/health/readiness").block());
                if (ping != null) {
                    note(ping.ok() ? "CONNECTED" : "OFFLINE", ping.ok() ? null : "hub answered " + ping.status());
                }
                return;
            }
            while (head != null) {
                SpoolEntry item = head;
                AggregatePush body = new AggregatePush(o.id(), item.seq(), o.aggregate(item));
                Answer answer = call(() -> hub.post("/api/v1/aggregates", body).block());
                if (answer == null) {
                    return;
                }
                if (answer.ok()) {
                    o.delivered(item);
                    delivered.incrementAndGet();
                    note("CONNECTED", null);
                } else if (answer.status() == 401 || answer.status() == 403) {
                    note("REFUSED", "the hub refused this site's key (" + answer.status() + "): " + answer.body());
                    log.warn("hub refused the site key: {}", answer.body());
                    return;
                } else if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 408
                        && answer.status() != 429) {
                    o.refused(item, answer.status() + " " + answer.body());
                    refused.incrementAndGet();
                    note("CONNECTED", "item " + item.seq() + " refused: " + answer.body());
                    log.warn("hub refused outbox item {} for good: {}", item.seq(), answer.body());
                } else {
                    note("OFFLINE", "hub answered " + answer.status());
                    return;
                }
                head = o.head();
            }
        } catch (RuntimeException e) {
            log.warn("uplink push failed: {}", e.toString());
        }
    }

    private record Answer(int status, String body, boolean ok) {
    }

    /** One hub call; null (state OFFLINE) when the hub cannot be reached. */
    private Answer call(java.util.function.Supplier<HubClient.Answer> send) {
        lastAttempt = Instant.now();
        try {
            HubClient.Answer a = send.get();
            return new Answer(a.status(), a.body(), a.ok());
        } catch (RuntimeException e) {
            note("OFFLINE", "hub not reachable: " + e.getMessage());
            return null;
        }
    }

    private void note(String newState, String error) {
        if (!newState.equals(state)) {
            log.info("uplink {} -> {}{}", state, newState, error == null ? "" : " (" + error + ")");
        }
        state = newState;
        lastError = error;
        if (!"OFFLINE".equals(newState)) {
            lastSync = Instant.now();
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        try {
            outbox = new Outbox(properties.outboxDir(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox " + properties.outboxDir(), e);
        }
        Gauge.builder("edge.uplink.queued", () -> outbox.size()).description("outbox items waiting for the hub")
                .register(meters);
        threads = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "uplink");
            t.setDaemon(true);
            return t;
        });
        threads.scheduleWithFixedDelay(this::collectQuietly, millis(properties.firstCollect()),
                millis(properties.aggregateInterval()),
                TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::push, 1_000, millis(properties.pushInterval()), TimeUnit.MILLISECONDS);
        log.info("uplink to {} started: outbox {} ({} items waiting)", properties.hubUri(), properties.outboxDir(),
                outbox.size());
    }

    private static long millis(Duration d) {
        return Math.max(100, d.toMillis());
    }

    @Override
    public void stop() {
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @Override
    public boolean isRunning() {
        return threads != null && !threads.isShutdown();
    }
}

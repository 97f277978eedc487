package io.edgeai.contracts.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a stage's state rebuild that is the same in every stage: ask data-shard for the stored history of the
 * devices the stage does not hold, and when data-shard cannot answer, ask nothing for {@code retryAfter} (the
 * devices start without state meanwhile), saying so once in the log when it fails and once when it is back.
 * What the history is replayed into is the stage's business.
 */
public final class HistoryLookup {

    /** How a lookup went: {@code asked} (then {@code found} holds what data-shard has), {@code failed} or
     * {@code skipped} (data-shard failed within {@code retryAfter}; not asked). */
    public record Result(String outcome, Map<String, RecentHistory.DeviceHistory> found) {
    }

    private final RecentHistoryClient history;
    private final Duration retryAfter;
    private final String state;
    private final Logger log;
    private volatile long quietUntilNanos;
    private volatile boolean failing;

    /**
     * @param state what is rebuilt, for the log ("alert state", "rolling windows")
     * @param owner the class whose logger speaks
     */
    public HistoryLookup(RecentHistoryClient history, Duration retryAfter, String state, Class<?> owner) {
        this.history = history;
        this.retryAfter = retryAfter;
        this.state = state;
        this.log = LoggerFactory.getLogger(owner);
    }

    /** Each device's earliest timestamp among these items: where its stored history must end. */
    public static <T> Map<String, Instant> firstSeen(Collection<T> items, Function<T, String> device,
                                                     Function<T, Instant> timestamp) {
        Map<String, Instant> first = new LinkedHashMap<>();
        for (T item : items) {
            first.merge(device.apply(item), timestamp.apply(item), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    /** The last {@code readings} stored readings (and their decisions) of each of {@code devices} before it was
     * first seen here. */
    public Result fetch(Set<String> devices, Map<String, Instant> firstSeen, int readings) {
        if (System.nanoTime() < quietUntilNanos) {
            return new Result("skipped", Map.of());
        }
        Map<String, Instant> cuts = new LinkedHashMap<>();
        devices.forEach(d -> cuts.put(d, firstSeen.get(d)));
        try {
            Map<String, RecentHistory.DeviceHistory> found = history.fetch(cuts, readings);
            if (failing) {
                log.info("data-shard answers again: the {} of devices first seen is rebuilt from it", state);
                failing = false;
            }
            return new Result("asked", found);
        } catch (RecentHistoryClient.RecentHistoryUnavailableException e) {
            quietUntilNanos = System.nanoTime() + retryAfter.toNanos();
            if (!failing) {
                log.warn("Cannot rebuild the {} from data-shard ({}); devices first seen in the next {} start without"
                        + " it", state, e.getMessage(), retryAfter);
            }
            failing = true;
            return new Result("failed", Map.of());
        }
    }
}

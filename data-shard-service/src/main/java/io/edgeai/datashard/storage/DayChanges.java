package io.edgeai.datashard.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which UTC days of a shard changed: a counter per day, bumped after every commit that wrote a record timed on that
 * day (readings, predictions, alert events, feedback on a reading of that day), and one for everything, bumped after
 * retention deleted. A summary of a day computed at stamp s is still right while {@link #stamp} answers s, so the
 * uplink's periodic summaries of closed days read their readings once, not on every run.
 *
 * <p>Bumped after the commit and read before the summary's queries: a write racing with a summary either is in it
 * or moves the stamp past it, so a summary is never kept while a committed write is missing from it. In memory only:
 * a restarted data-shard computes each day once more.
 */
final class DayChanges {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final ConcurrentHashMap<Long, AtomicLong> days = new ConcurrentHashMap<>();
    private final AtomicLong everything = new AtomicLong();

    /** Records that what is timed at {@code tsUs} (epoch microseconds) changed. */
    void touch(long tsUs) {
        days.computeIfAbsent(Math.floorDiv(tsUs, MICROS_PER_DAY), d -> new AtomicLong()).incrementAndGet();
    }

    void touch(Collection<Instant> times) {
        long last = Long.MIN_VALUE;
        for (Instant t : times) {
            long day = Math.floorDiv(EpochMicros.of(t), MICROS_PER_DAY);
            if (day != last) {
                days.computeIfAbsent(day, d -> new AtomicLong()).incrementAndGet();
                last = day;
            }
        }
    }

    /** Records that anything may have changed (retention deleted rows). */
    void touchAll() {
        everything.incrementAndGet();
    }

    /** Grows whenever something timed on {@code day} changes (both counters only grow, so their sum does too). */
    long stamp(LocalDate day) {
        AtomicLong c = days.get(day.toEpochDay());
        return everything.get() + (c == null ? 0 : c.get());
    }
}

package io.edgeai.simulator.client;

import java.time.Duration;

/**
 * How long to wait before retrying the same readings: exponential from {@code initial} to {@code max}, or the
 * gateway's Retry-After when it sent one (capped at {@code max} so a long hint does not stall the demo).
 */
public record RetryPolicy(Duration initial, Duration max) {

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** Delay before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long ms = initial.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}

package io.edgeai.simulator.load;

import java.util.Map;

/**
 * What one load point measured after warm-up.
 *
 * @param items   readings (pipeline) or rows (inference) carried by the 2xx answers
 * @param statuses HTTP status code -> count, "io-error" for no answer
 */
public record LoadResult(String target, int clients, int itemsPerRequest, double seconds, long ok, long items,
                         Map<String, Long> statuses, double p50Millis, double p99Millis) {

    public double requestsPerSecond() {
        return ok / seconds;
    }

    public double itemsPerSecond() {
        return items / seconds;
    }

    public long notOk() {
        return statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long rateLimited() {
        return statuses.getOrDefault("429", 0L);
    }
}

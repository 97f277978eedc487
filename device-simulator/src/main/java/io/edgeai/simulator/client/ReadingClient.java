package io.edgeai.simulator.client;

import io.edgeai.simulator.machine.Reading;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts one device's readings to the gateway and keeps retrying the same batch on 429, 503 or no answer, so a
 * device's readings are never dropped or reordered: the caller sends the next batch only after this one returns.
 */
public final class ReadingClient implements ReadingSink {

    private static final Logger LOG = Logger.getLogger(ReadingClient.class.getName());
    // Per-reading statuses of the gateway's answer; scanned rather than parsed so a changing response shape
    // cannot break the simulator.
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z_]+)\"");

    private final HttpClient http;
    private final URI gateway;
    private final String apiKey;
    private final RetryPolicy retry;
    private final TrafficStats stats;
    private final Duration requestTimeout;
    private volatile boolean loggedRejection;

    public ReadingClient(HttpClient http, URI gateway, String apiKey, RetryPolicy retry, TrafficStats stats,
                         Duration requestTimeout) {
        this.http = http;
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.retry = retry;
        this.stats = stats;
        this.requestTimeout = requestTimeout;
    }

    /** An HTTP/1.1 client: the gateway is local, and h2c upgrade attempts only add a round trip. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Blocks until the batch is accepted, refused with a non-retryable status, or {@code stopping} turns true. */
    @Override
    public Delivery deliver(String deviceId, List<Reading> readings, BooleanSupplier stopping)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(readingsUri(deviceId))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(ReadingJson.body(readings)))
                .build();
        stats.sent(readings.size());
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                stats.httpStatus(Integer.toString(code));
                if (code / 100 == 2) {
                    stats.ok(readings.size());
                    countStatuses(response.body());
                    return Delivery.ACCEPTED;
                }
                if (code != 429 && code != 503) {
                    stats.failed(readings.size());
                    logRejectionOnce(deviceId, code, response.body());
                    return Delivery.REJECTED;
                }
                retryAfter = retryAfter(response).orElse(null);
            } catch (IOException e) {
                // No answer (gateway not up yet, restarting, or timed out): the batch may not have arrived, so
                // sending it again is the only way not to lose it; the gateway's consumers tolerate a repeat.
                stats.httpStatus("io-error");
            }
            if (stopping.getAsBoolean()) {
                stats.failed(readings.size());
                return Delivery.ABANDONED;
            }
            stats.retried();
            Thread.sleep(retry.delay(attempt, retryAfter).toMillis());
        }
    }

    private URI readingsUri(String deviceId) {
        String base = gateway.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8)
                + "/readings");
    }

    private void countStatuses(String body) {
        Matcher m = STATUS.matcher(body == null ? "" : body);
        while (m.find()) {
            stats.readingStatus(m.group(1));
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        });
    }

    private void logRejectionOnce(String deviceId, int code, String body) {
        // One line is enough to see a wrong key or a contract mismatch; logging every reading would flood the demo.
        if (!loggedRejection) {
            loggedRejection = true;
            String shortBody = body == null ? "" : body.substring(0, Math.min(300, body.length()));
            LOG.warning("gateway refused readings of " + deviceId + " with " + code + ": " + shortBody
                    + " (further refusals are only counted)");
        }
    }
}

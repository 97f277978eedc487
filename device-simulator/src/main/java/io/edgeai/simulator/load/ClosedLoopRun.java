package io.edgeai.simulator.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * N clients, each sending its next request as soon as the previous answer arrived (closed loop), for a warm-up and
 * then a measured period; latency is recorded for answered requests in the measured period only.
 */
public final class ClosedLoopRun {

    /** Builds client {@code c}'s next request; called on that client's thread only. */
    public interface RequestSource {
        HttpRequest next();
    }

    private static final int MAX_REFUSALS_SHOWN = 5;
    private static final java.util.concurrent.atomic.AtomicInteger REFUSALS_SHOWN =
            new java.util.concurrent.atomic.AtomicInteger();

    private ClosedLoopRun() {
    }

    public static LoadResult run(String target, int clients, int itemsPerRequest, Duration warmup, Duration measure,
                                 IntFunction<RequestSource> sources) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long startNanos = System.nanoTime();
        long measureFrom = startNanos + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Future<ClientTally>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RequestSource source = sources.apply(c);
            futures.add(pool.submit(() -> drive(source, measureFrom, end)));
        }
        List<LatencyRecorder> recorders = new ArrayList<>();
        Map<String, Long> statuses = new TreeMap<>();
        long ok = 0;
        try {
            for (Future<ClientTally> f : futures) {
                ClientTally t = f.get();
                recorders.add(t.latencies);
                ok += t.ok;
                t.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("load client failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long[] sorted = LatencyRecorder.merged(recorders);
        return new LoadResult(target, clients, itemsPerRequest, measure.toNanos() / 1e9, ok, ok * itemsPerRequest,
                statuses, LatencyRecorder.percentileMillis(sorted, 50), LatencyRecorder.percentileMillis(sorted, 99));
    }

    private static ClientTally drive(RequestSource source, long measureFrom, long end) {
        // One HTTP/1.1 connection per client, like a device or a dashboard would hold.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        ClientTally tally = new ClientTally();
        while (true) {
            HttpRequest request = source.next();
            long t0 = System.nanoTime();
            if (t0 >= end) {
                return tally;
            }
            String status;
            try {
                // A 2xx body is dropped unread; a refusal's body is kept, so the run can say why it was refused.
                HttpResponse<String> response = http.send(request, info -> info.statusCode() / 100 == 2
                        ? HttpResponse.BodySubscribers.replacing(null)
                        : HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8));
                status = Integer.toString(response.statusCode());
                if (response.body() != null && REFUSALS_SHOWN.getAndIncrement() < MAX_REFUSALS_SHOWN) {
                    String body = response.body();
                    System.err.printf("%s %s -> %s %s%n", request.method(), request.uri().getPath(), status,
                            body.length() > 500 ? body.substring(0, 500) + "..." : body);
                }
            } catch (IOException e) {
                status = "io-error";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tally;
            }
            long t1 = System.nanoTime();
            // Count a request in the measured period when it completes in it.
            if (t0 >= measureFrom && t1 <= end) {
                tally.statuses.merge(status, 1L, Long::sum);
                if (status.startsWith("2")) {
                    tally.ok++;
                    tally.latencies.record(t1 - t0);
                }
            }
            if (status.equals("io-error")) {
                try {
                    Thread.sleep(50); // the server is gone or refusing: do not spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return tally;
                }
            }
        }
    }

    private static final class ClientTally {
        final LatencyRecorder latencies = new LatencyRecorder();
        final Map<String, Long> statuses = new TreeMap<>();
        long ok;
    }
}

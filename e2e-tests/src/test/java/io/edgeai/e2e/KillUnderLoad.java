package io.edgeai.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steady load of the fault suite and its kills: a few devices each post one reading at a time through the
 * gateway at a fixed pace, with timestamps that identify the reading (device, timestamp: data-shard keeps one row per
 * pair, so a client may resend a reading it got no answer for, as this one does). A service is killed with SIGKILL,
 * the launcher restarts it at once (as a supervisor would), and the load goes on. Afterwards every device's history is
 * read back: an acknowledged reading missing is lost, a timestamp stored twice is duplicated.
 */
final class KillUnderLoad {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one kill cost: time until the suite answered whole again, failed requests meanwhile. */
    record Recovery(String service, Duration recovery, int failedRequests, Map<Integer, Integer> failures) {
    }

    /** The load's totals after the run, read back from data-shard through the gateway. */
    record Totals(int acknowledged, int lost, int duplicated, int attempts, int failed) {
    }

    private final HttpClient http;
    private final EdgeLauncher edge;
    private final String key;
    private final int devices;
    private final Duration pace;
    private final String prefix;
    private final Map<String, Set<Instant>> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Future<?>> loops = new ArrayList<>();
    private ExecutorService clients;

    KillUnderLoad(HttpClient http, EdgeLauncher edge, String key, int devices, Duration pace, String prefix) {
        this.http = http;
        this.edge = edge;
        this.key = key;
        this.devices = devices;
        this.pace = pace;
        this.prefix = prefix;
    }

    void start() {
        clients = Executors.newFixedThreadPool(devices);
        Instant base = Instant.parse("2026-03-01T00:00:00Z");
        for (int d = 0; d < devices; d++) {
            String device = prefix + "-" + d;
            acknowledged.put(device, ConcurrentHashMap.newKeySet());
            loops.add(clients.submit(() -> {
                long next = System.nanoTime();
                int i = 0;
                while (running.get()) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next = Math.max(next + pace.toNanos(), System.nanoTime());
                    Instant ts = base.plusSeconds(i);
                    attempts.incrementAndGet();
                    long t0 = System.nanoTime();
                    int status = post(device, ts);
                    if (status == 200) {
                        latenciesNanos.add(System.nanoTime() - t0);
                        acknowledged.get(device).add(ts);
                        acks.incrementAndGet();
                        i++; // else: the same reading again, as a client that got no answer does
                    } else {
                        failures.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        if (status >= 400 && status < 500 && status != 408 && status != 429) {
                            i++; // refused for good (never for these readings): resending would not help
                        }
                    }
                }
                return null;
            }));
        }
    }

    int acks() {
        return acks.get();
    }

    /** Kills a service, has the launcher restart it, and measures until the suite answers whole again. */
    Recovery kill(String service) throws Exception {
        Map<Integer, Integer> before = failureCounts();
        ProcessHandle process = ProcessHandle.of(edge.pid(service)).orElseThrow();
        Instant killed = Instant.now();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        edge.run("up", Duration.ofMinutes(4));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!whole()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the suite did not recover from killing " + service);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        Duration recovery = Duration.between(killed, Instant.now());
        // The load must be acknowledged again too, not just the health page.
        int acked = acks.get();
        while (acks.get() < acked + devices && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        Map<Integer, Integer> after = failureCounts();
        Map<Integer, Integer> during = new HashMap<>();
        after.forEach((status, count) -> {
            int d = count - before.getOrDefault(status, 0);
            if (d > 0) {
                during.put(status, d);
            }
        });
        return new Recovery(service, recovery, during.values().stream().mapToInt(Integer::intValue).sum(), during);
    }

    /** Every downstream UP on the gateway's health page and the spool empty. */
    private boolean whole() {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(edge.gateway()
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                return false;
            }
            JsonNode downstream = JSON.readTree(health.body()).path("components").path("downstream").path("components");
            for (String id : new String[] {"preprocessing", "inference", "postprocessing", "data-shard"}) {
                if (!"UP".equals(downstream.path(id).path("status").asString())) {
                    return false;
                }
            }
            String metrics = http.send(HttpRequest.newBuilder(URI.create(edge.gateway() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return DurableIngestIT.metric(metrics, "edge_spool_pending_batches") == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private Map<Integer, Integer> failureCounts() {
        Map<Integer, Integer> counts = new HashMap<>();
        failures.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    void stop() throws Exception {
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
    }

    /** Reads every device's history back once the spool is empty and counts lost and duplicated readings. */
    Totals totals() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!whole() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        int lost = 0;
        int duplicated = 0;
        int total = 0;
        for (Map.Entry<String, Set<Instant>> device : acknowledged.entrySet()) {
            List<Instant> stored = stored(device.getKey());
            Set<Instant> distinct = new java.util.HashSet<>(stored);
            duplicated += stored.size() - distinct.size();
            for (Instant ts : device.getValue()) {
                if (!distinct.contains(ts)) {
                    lost++;
                }
            }
            total += device.getValue().size();
        }
        int failed = failures.values().stream().mapToInt(AtomicInteger::get).sum();
        return new Totals(total, lost, duplicated, attempts.get(), failed);
    }

    /** Latency percentile (0..100) of the acknowledged requests, in milliseconds, and clears the samples. */
    double percentileMillisAndReset(double p) {
        List<Long> samples = new ArrayList<>(latenciesNanos);
        latenciesNanos.clear();
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        samples.sort(Long::compare);
        int index = (int) Math.min(samples.size() - 1, Math.ceil(p / 100 * samples.size()) - 1);
        return samples.get(Math.max(0, index)) / 1e6;
    }

    int failuresSoFar() {
        return failures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int attemptsSoFar() {
        return attempts.get();
    }

    private int post(String device, Instant ts) {
        try {
            return http.send(GatewayReadings.post(edge.gateway(), device, ts, key, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the gateway is down: do not spin
            return 0;
        }
    }

    private List<Instant> stored(String device) throws Exception {
        return GatewayReadings.stored(http, edge.gateway(), device, key, Duration.ofSeconds(30));
    }
}

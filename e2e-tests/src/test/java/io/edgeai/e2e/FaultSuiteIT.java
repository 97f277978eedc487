package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (issue 14): the suite started by the launcher on its own folder and ports, then
 * <ol>
 *   <li>the security sweep (every route without a key, with each wrong role; every internal port without the
 *       internal credential): accepted 0;</li>
 *   <li>the bad-input corpus over every public endpoint: 5xx 0;</li>
 *   <li>kill -9 of services in turn under a steady load through the gateway, each restarted by the launcher at
 *       once: acknowledged readings lost 0, duplicated 0, time to recover per service;</li>
 *   <li>a soak at a steady rate: error rate, p99 per window, the slope of the heap after GC.</li>
 * </ol>
 * It prints one table (and writes it to {@code reliability.report}). CI runs the short version that {@code ./mvnw
 * verify} runs (two kills, a 20 s soak); {@code reliability/run.sh} runs every kill and, with {@code SOAK=30m}, the
 * long soak, through the same class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Per-request debug lines in the stages for the trace test; off for reliability/run.sh's figures. */
    static final boolean TRACE_LOGS = Boolean.parseBoolean(System.getProperty("reliability.trace-logs", "true"));

    static EdgeLauncher edge;
    static Map<String, String> keys;
    static final List<String[]> rows = new ArrayList<>();
    static final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        String home = System.getProperty("reliability.home", "");
        Path dir = home.isBlank() ? Files.createTempDirectory("edge-faults") : Files.createDirectories(Path.of(home));
        edge = new EdgeLauncher(repo, dir);
        // The corpus and the sweep send hundreds of requests a second with one key: no rate limit in the way.
        for (String role : new String[] {"VIEWER", "OPERATOR", "ADMIN"}) {
            edge.env("EDGE_RATE_LIMIT_" + role + "_PER_SECOND", "1000000");
            edge.env("EDGE_RATE_LIMIT_" + role + "_BURST", "1000000");
        }
        if (TRACE_LOGS) {
            // One log line per request in the MVC services, with the trace id in it: what the trace test reads.
            // (A system property: an environment variable's logger name is lower-cased, and this one is a class.)
            edge.env("JAVA_TOOL_OPTIONS", "-Dlogging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG");
        }
        edge.run("up", Duration.ofMinutes(5));
        keys = Map.of("viewer", edge.demoKey("viewer"), "operator", edge.demoKey("operator"),
                "admin", edge.demoKey("admin"), "internal", edge.internalToken());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            printTable();
        } finally {
            if (edge != null) {
                edge.run("down", Duration.ofMinutes(1));
            }
        }
    }

    @Test
    @Order(1)
    void oneReadingKeepsItsTraceIdInEveryHop() throws Exception {
        Assumptions.assumeTrue(TRACE_LOGS, "run without per-request log lines");
        // A client's trace, not sampled (flags 00): it must be propagated and logged all the same.
        String traceId = randomHex(32);
        String reading = "{\"readings\":[{\"timestamp\":\"2026-04-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":{"
                + "\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},\"process_temperature\":{\"value\":308.6,"
                + "\"unit\":\"K\"},\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},\"torque\":{\"value\":42.8,"
                + "\"unit\":\"Nm\"},\"tool_wear\":{\"value\":10,\"unit\":\"min\"}}}]}";
        HttpResponse<String> ok = postReading("trace-01", reading, traceId);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        for (String service : new String[] {"preprocessing-service", "inference-service", "postprocessing-service"}) {
            Path log = edge.home().resolve("logs").resolve(service + ".log");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Files.readString(log)).as(service + " log").contains(traceId));
        }
        // The gateway's own answer names the trace too: a refused reading's problem+json carries it.
        String badTrace = randomHex(32);
        HttpResponse<String> refused = postReading("trace-01", reading.replace("\"M\"", "\"Q\""), badTrace);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("\"traceId\":\"" + badTrace + "\"");
        rows.add(new String[] {"trace id across hops", "one id in every hop", "PASS", "a reading sent with an "
                + "unsampled traceparent: its trace id is in the preprocessing, inference and postprocessing logs; "
                + "a refused one's problem+json names its trace id"});
    }

    static HttpResponse<String> postReading(String device, String body, String traceId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway() + "/api/v1/devices/" + device + "/readings"))
                .header("X-API-Key", keys.get("operator")).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + randomHex(16) + "-00")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (hex.length() < digits) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    @Test
    @Order(2)
    void faultSuite() throws Exception {
        List<String> problems = new ArrayList<>();

        // 1. Security sweep.
        long t0 = System.nanoTime();
        List<SecuritySweep.Probe> probes = SecuritySweep.run(HTTP, edge, keys);
        List<SecuritySweep.Probe> accepted = probes.stream().filter(SecuritySweep.Probe::accepted).toList();
        long unanswered = probes.stream().filter(p -> p.status() == 0).count();
        rows.add(new String[] {"security sweep", "accepted 0", accepted.isEmpty() ? "PASS" : "FAIL",
                String.format(Locale.ROOT, "%d probes (%d routes, 3 internal credentials x %d internal routes), "
                        + "accepted %d, statuses %s, %.1f s", probes.size(), SecuritySweep.GATEWAY.size(),
                        SecuritySweep.INTERNAL.values().stream().mapToInt(List::size).sum(), accepted.size(),
                        histogram(probes.stream().map(SecuritySweep.Probe::status).toList()), seconds(t0))});
        accepted.forEach(p -> notes.add("ACCEPTED " + p.target() + " " + p.method() + " " + p.path() + " as "
                + p.as() + ": " + p.status()));
        if (!accepted.isEmpty()) {
            problems.add(accepted.size() + " requests accepted by the security sweep");
        }
        if (unanswered > 0) {
            notes.add(unanswered + " sweep probes got no answer (connection failed)");
        }

        // 2. Bad-input corpus.
        t0 = System.nanoTime();
        List<BadInputCorpus.Outcome> outcomes = BadInputCorpus.run(HTTP, edge.gateway(), keys);
        List<BadInputCorpus.Outcome> failed = outcomes.stream().filter(BadInputCorpus.Outcome::failed).toList();
        long unsent = outcomes.stream().filter(BadInputCorpus.Outcome::unsent).count();
        rows.add(new String[] {"bad-input corpus", "5xx 0", failed.isEmpty() ? "PASS" : "FAIL",
                String.format(Locale.ROOT, "%d cases over %d endpoints, statuses %s%s, %.1f s", outcomes.size(),
                        outcomes.stream().map(o -> o.c().method() + " " + o.c().path().replaceAll("\\?.*", ""))
                                .distinct().count(),
                        histogram(outcomes.stream().map(BadInputCorpus.Outcome::status).toList()),
                        unsent > 0 ? " (" + unsent + " not sendable by the JDK client)" : "", seconds(t0))});
        failed.forEach(o -> notes.add("5xx " + o.c().method() + " " + o.c().path() + " [" + o.c().name() + ", "
                + o.c().contentType() + "] -> " + o.status() + " " + o.body().replace('\n', ' ')));
        if (!failed.isEmpty()) {
            problems.add(failed.size() + " corpus cases answered 5xx or dropped the connection");
        }

        // 3. kill -9 under load.
        List<String> victims = List.of(System.getProperty("reliability.kills",
                "postprocessing-service,gateway-service").split(","));
        if (!victims.get(0).isBlank()) {
            KillUnderLoad load = new KillUnderLoad(HTTP, edge, keys.get("operator"),
                    Integer.getInteger("reliability.devices", 4), Duration.ofMillis(100), "faults");
            load.start();
            awaitAcks(load, 40);
            for (String victim : victims) {
                KillUnderLoad.Recovery r = load.kill(victim.trim());
                rows.add(new String[] {"kill -9 " + r.service(), "recovers", "PASS",
                        String.format(Locale.ROOT, "recovered in %.1f s; %d requests failed meanwhile %s (resent)",
                                r.recovery().toMillis() / 1000.0, r.failedRequests(), r.failures())});
                awaitAcks(load, load.acks() + 20);
            }
            load.stop();
            KillUnderLoad.Totals totals = load.totals();
            boolean ok = totals.lost() == 0 && totals.duplicated() == 0;
            rows.add(new String[] {"acknowledged readings across the kills", "lost 0, duplicated 0", ok ? "PASS"
                    : "FAIL", String.format(Locale.ROOT, "%d acknowledged of %d requests, lost %d, duplicated %d",
                    totals.acknowledged(), totals.attempts(), totals.lost(), totals.duplicated())});
            if (!ok) {
                problems.add("lost " + totals.lost() + ", duplicated " + totals.duplicated());
            }
        }

        // 4. Soak.
        Duration soak = Duration.parse(System.getProperty("reliability.soak", "PT20S"));
        if (!soak.isZero()) {
            soak(soak, Integer.getInteger("reliability.soak.rate", 100), problems);
        }

        assertThat(problems).as(String.join("\n", notes)).isEmpty();
    }

    /** A steady load for {@code duration} at {@code rate} readings/s: errors, p99 and heap after GC per window. */
    static void soak(Duration duration, int rate, List<String> problems) throws Exception {
        int devices = Math.max(1, Math.min(32, rate / 25));
        Duration pace = Duration.ofNanos(1_000_000_000L * devices / rate);
        KillUnderLoad load = new KillUnderLoad(HTTP, edge, keys.get("operator"), devices, pace, "soak");
        int windows = 6;
        Duration window = duration.dividedBy(windows);
        List<Double> p99s = new ArrayList<>();
        List<double[]> heap = new ArrayList<>(); // {minutes since start, MB after GC summed over the services}
        boolean longSoak = duration.toMinutes() >= 10;
        // Long soaks read the heap right after a forced full GC at each window's end (5 jcmd calls a window); short
        // ones, or a JDK without jcmd, take the smallest heap sampled every 2 s over the window instead.
        Path jcmd = longSoak ? jcmd() : null;
        Instant start = Instant.now();
        load.start();
        for (int w = 0; w < windows; w++) {
            Instant end = start.plus(window.multipliedBy(w + 1));
            double minHeap = Double.NaN;
            while (Instant.now().isBefore(end)) {
                if (jcmd == null) {
                    double sample = heapMegabytes(); // NaN when a service did not answer in time: no sample
                    minHeap = Double.isNaN(minHeap) ? sample
                            : Double.isNaN(sample) ? minHeap : Math.min(minHeap, sample);
                }
                LockSupport.parkNanos(Math.min(Duration.between(Instant.now(), end).toNanos(),
                        Duration.ofSeconds(2).toNanos()));
            }
            p99s.add(load.percentileMillisAndReset(99));
            double heapMb = jcmd == null ? minHeap : heapAfterFullGc(jcmd);
            if (!Double.isNaN(heapMb)) {
                heap.add(new double[] {Duration.between(start, Instant.now()).toMillis() / 60000.0, heapMb});
            }
        }
        int attempts = load.attemptsSoFar();
        int errors = load.failuresSoFar();
        load.stop();
        KillUnderLoad.Totals totals = load.totals();
        double slopePerHour = slope(heap) * 60;
        double achieved = attempts / (double) duration.toSeconds();
        boolean ok = errors == 0 && totals.lost() == 0 && totals.duplicated() == 0;
        rows.add(new String[] {"soak " + duration.toString().substring(2).toLowerCase(Locale.ROOT) + " at " + rate
                + " readings/s", "errors 0, heap flat, p99 stable", ok ? "PASS" : "FAIL",
                String.format(Locale.ROOT, "%.0f readings/s sent, error rate %.4f %%, p99 per window %s ms, heap "
                        + "after GC (5 services) %.0f -> %.0f MB, slope %s, lost %d, duplicated %d", achieved,
                        100.0 * errors / Math.max(1, attempts), p99s.stream().map(p -> String.format(Locale.ROOT,
                                "%.0f", p)).collect(Collectors.joining("/")), heap.isEmpty() ? Double.NaN
                        : heap.get(0)[1], heap.isEmpty() ? Double.NaN : heap.get(heap.size() - 1)[1], longSoak
                                ? String.format(Locale.ROOT, "%+.1f MB/h", slopePerHour)
                                : "n/a (soaks under 10 min)", totals.lost(), totals.duplicated())});
        if (!ok) {
            problems.add("soak: " + errors + " errors, lost " + totals.lost() + ", duplicated " + totals.duplicated());
        }
    }

    /**
     * The heap in use summed over the five services right after a full GC in each ({@code jcmd <pid> GC.run}): what
     * the services really hold. Without it the old generation (SerialGC in the launcher) fills for many minutes
     * before a full collection, and the smallest heap seen in a window climbs although nothing leaks. NaN when a
     * call fails.
     */
    static double heapAfterFullGc(Path jcmd) {
        try {
            for (String service : EdgeLauncher.SERVICES) {
                Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(edge.pid(service)), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                    gc.destroyForcibly();
                    return Double.NaN;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        return heapMegabytes();
    }

    /** The JDK's jcmd beside the running java, or null where this runtime has none (a JRE). */
    static Path jcmd() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? jcmd : null;
    }

    /** The heap in use summed over the five services; the minimum over a window approximates "after GC". */
    static double heapMegabytes() {
        double total = 0;
        for (String service : EdgeLauncher.SERVICES) {
            try {
                String page = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + edge.port(service)
                        + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : page.split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (Exception e) {
                return Double.NaN;
            }
        }
        return total / (1024 * 1024);
    }

    /** Least-squares slope of y over x. */
    static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    static void awaitAcks(KillUnderLoad load, int atLeast) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (load.acks() < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the load is not acknowledged: " + load.acks() + " acks");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    static String histogram(List<Integer> statuses) {
        Map<Integer, Long> counts = new TreeMap<>(statuses.stream().collect(Collectors.groupingBy(s -> s,
                Collectors.counting())));
        return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void printTable() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n| check | target | result | figures |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nFailed cases:\n");
            notes.forEach(n -> out.append("  ").append(n).append('\n'));
        }
        System.out.println(out);
        String report = System.getProperty("reliability.report", "");
        if (!report.isBlank()) {
            Files.writeString(Path.of(report), out.toString());
        }
    }
}

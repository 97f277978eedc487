import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the durability comparison (bench/data-shard/durability.sh): writers post storage batches to one running
 * data-shard for a fixed time, each writer like one gateway spool lane (its devices in 4 of the 16 shards), and the
 * rate of stored readings is printed.
 * Usage: DurabilityBench <baseUrl> <label> <seconds> <readingsPerBatch> <writers> <devices> <warmupSeconds> <round>
 * [spread=lane|all] (lane: a writer's devices in 4 of the 16 shards, like one spool lane; all: in every shard)
 */
public class DurabilityBench {

    static final java.util.Map<Integer, List<String>> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    static volatile boolean SPREAD_ALL;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String label = args[1];
        int seconds = Integer.parseInt(args[2]);
        int perBatch = Integer.parseInt(args[3]);
        int writers = Integer.parseInt(args[4]);
        int devices = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int round = Integer.parseInt(args[7]);
        SPREAD_ALL = args.length > 8 && args[8].equals("all");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (warmup > 0) { // not measured: the JIT compiles the write path first
            run(client, base, "warm-" + label + "-" + perBatch, warmup, perBatch, writers, devices, 0);
        }
        // Each round writes its own time range, so no reading is a duplicate of an earlier round's.
        long[] result = run(client, base, label + "-" + perBatch + "-" + round, seconds, perBatch, writers, devices,
                (round + 1) * 100_000_000L);
        double secs = result[1] / 1e9;
        System.out.printf("round %d  %-6s batches of %4d readings: %,9.0f readings/s  (%,d batches in %.1f s,"
                        + " %.2f ms per batch)%n",
                round, label, perBatch, result[0] * perBatch / secs, result[0], secs,
                secs * 1000 * writers / result[0]);
    }

    /** Posts batches for {@code seconds}; returns {batches, nanos}. */
    static long[] run(HttpClient client, String base, String prefix, int seconds, int perBatch, int writers,
                      int devices, long timeOffset) throws Exception {
        AtomicLong batches = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (long b = 0; System.nanoTime() < deadline; b++) {
                    post(client, base, body(prefix + "-" + writer + "-" + b, writer, b, perBatch, devices,
                            timeOffset));
                    batches.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow(); // a failed writer must not keep the JVM alive
        }
        long nanos = System.nanoTime() - start;
        return new long[] {batches.get(), nanos};
    }

    /**
     * The devices of a writer: {@code devices} names whose shards are those of one gateway spool lane (shard mod 4 ==
     * writer mod 4, 4 of the 16 shards), as a lane's delivery group would carry them.
     */
    static List<String> devicesOf(int writer, int devices) {
        List<String> out = new ArrayList<>();
        for (int k = 0; out.size() < devices; k++) {
            String name = "dur-" + writer + "-" + k;
            if (SPREAD_ALL || shardOf(name) % 4 == writer % 4) {
                out.add(name);
            }
        }
        return out;
    }

    /** io.edgeai.contracts.ShardFunction: FNV-1a 32 of the UTF-8 bytes, unsigned, mod 16. */
    static int shardOf(String deviceId) {
        int h = 0x811c9dc5;
        for (byte x : deviceId.getBytes(StandardCharsets.UTF_8)) {
            h ^= (x & 0xff);
            h *= 0x01000193;
        }
        return (int) (Integer.toUnsignedLong(h) % 16);
    }

    static String body(String batchId, int writer, long b, int perBatch, int devices, long timeOffset) {
        List<String> names = NAMES.computeIfAbsent(writer, w -> devicesOf(w, devices));
        StringBuilder sb = new StringBuilder(perBatch * 260).append("{\"batchId\":\"").append(batchId)
                .append("\",\"readings\":[");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(timeOffset);
        for (int i = 0; i < perBatch; i++) {
            long n = b * perBatch + i;
            String device = names.get((int) (n % devices));
            // Distinct per writer and reading: each writer has its own devices, each reading its own microsecond.
            Instant ts = t0.plusNanos(n * 1000L);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"deviceId\":\"").append(device).append("\",\"timestamp\":\"").append(ts)
                    .append("\",\"machineType\":\"M\",\"sensors\":{\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},"
                            + "\"process_temperature\":{\"value\":308.6,\"unit\":\"K\"},"
                            + "\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},"
                            + "\"torque\":{\"value\":42.8,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":")
                    .append(n % 250).append(",\"unit\":\"min\"}}}");
        }
        return sb.append("]}").toString();
    }

    static void post(HttpClient client, String base, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/storage/batches"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("batch: " + r.statusCode() + " " + r.body());
        }
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for data-shard-service: batched write throughput into ONE shard, then history-query latency.
 * Runs as a single source file (java ShardBench.java ...), JDK only. Usage:
 * ShardBench <baseUrl> [rows=1000000] [batchSize=1000] [writers=2] [queries=2000] [warmupRows=300000]
 */
public class ShardBench {

    static final int SHARDS = 16;
    static final int DEVICES = 100;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int queries = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int warmupRows = args.length > 5 ? Integer.parseInt(args[5]) : 300_000;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        List<String> devices = devicesInShard(0);
        System.out.printf("devices: %d, all in shard 0 of %d; %d readings in batches of %d, %d writers%n",
                devices.size(), SHARDS, rows, batchSize, writers);

        int batches = rows / batchSize;
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        // Warm-up (not measured): the JIT compiles the write path on rows that go to another shard, so shard 0
        // holds exactly the measured rows. Without it C2 compilation took as much CPU as the writes themselves.
        List<String> warmupDevices = devicesInShard(1);
        int warmupBatches = Math.max(1, warmupRows / batchSize);
        System.out.printf("warm-up: %,d rows into shard 1%n", (long) warmupBatches * batchSize);
        for (int b = 0; b < warmupBatches; b++) {
            post(client, base, batch("warm-" + b, b, batchSize, warmupDevices, t0, new Random(b)));
        }
        // Bodies are built before the clock starts, so the load generator's own JSON work (on the same cores)
        // is not measured as the service's.
        System.out.printf("building %,d batch bodies%n", batches);
        List<byte[]> bodies = new ArrayList<>(batches);
        Random random = new Random(1);
        for (int b = 0; b < batches; b++) {
            bodies.add(batch("bench-" + b, b, batchSize, devices, t0, random).getBytes(StandardCharsets.UTF_8));
        }
        String loadBefore = loadAverage();
        double cpuBefore = serverCpuSeconds(client, base);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    post(client, base, bodies.get(b));
                    bodies.set(b, null);
                    if (b > 0 && b % 100 == 0) {
                        System.out.printf("  %,d rows written%n", (long) b * batchSize);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = batches * (double) batchSize / seconds;
        double serverCpu = serverCpuSeconds(client, base) - cpuBefore;
        String loadAfter = loadAverage();

        random = new Random(7);
        for (int i = 0; i < 200; i++) {
            query(client, base, devices.get(random.nextInt(devices.size())));
        }
        long[] micros = new long[queries];
        for (int i = 0; i < queries; i++) {
            long q0 = System.nanoTime();
            int items = query(client, base, devices.get(random.nextInt(devices.size())));
            micros[i] = (System.nanoTime() - q0) / 1000;
            if (items != 100) {
                throw new IllegalStateException("expected 100 readings, got " + items);
            }
        }
        Arrays.sort(micros);
        System.out.println();
        System.out.printf("batched write throughput: %,.0f rows/s (%,d rows in %.1f s)   target >= 50,000 rows/s  %s%n",
                rate, (long) batches * batchSize, seconds, rate >= 50_000 ? "PASS" : "MISS");
        System.out.printf("  service CPU for the writes: %.1f s = %,.0f rows per service CPU-second;"
                + " load average before/after: %s / %s on %d cores (other processes share them)%n",
                serverCpu, batches * (double) batchSize / serverCpu, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        double p50 = micros[queries / 2] / 1000.0;
        double p99 = micros[(int) Math.ceil(queries * 0.99) - 1] / 1000.0;
        System.out.printf("history query, last 100 readings of a device (%d queries, %,d rows in the shard):"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms   target p99 < 20 ms  %s%n",
                queries, (long) batches * batchSize, p50, p99, micros[queries - 1] / 1000.0,
                p99 < 20 ? "PASS" : "MISS");
    }

    static void post(HttpClient client, String base, String body) throws Exception {
        post(client, base, body.getBytes(StandardCharsets.UTF_8));
    }

    static void post(HttpClient client, String base, byte[] body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/storage/batches"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("batch: " + r.statusCode() + " " + r.body());
        }
    }

    /** The service's cumulative CPU time in seconds (Micrometer process.cpu.time, reported in ns). */
    static double serverCpuSeconds(HttpClient client, String base) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/process.cpu.time"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) / 1e9 : Double.NaN; // reported in ns
    }

    static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static int query(HttpClient client, String base, String device) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + device
                + "/history?size=100")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("history: " + r.statusCode() + " " + r.body());
        }
        int count = 0;
        for (int i = r.body().indexOf("\"timestamp\""); i >= 0; i = r.body().indexOf("\"timestamp\"", i + 1)) {
            count++;
        }
        return count;
    }

    /** One batch: readings of every device, consecutive seconds, five AI4I-like sensors. */
    static String batch(String batchId, int b, int size, List<String> devices, Instant t0, Random random) {
        StringBuilder sb = new StringBuilder(size * 260);
        sb.append("{\"batchId\":\"").append(batchId).append("\",\"readings\":[");
        for (int i = 0; i < size; i++) {
            long sequence = (long) b * size + i;
            String device = devices.get((int) (sequence % devices.size()));
            Instant t = t0.plusSeconds(sequence / devices.size());
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"deviceId\":\"").append(device).append("\",\"timestamp\":\"").append(t)
                    .append("\",\"machineType\":\"M\",\"sensors\":{")
                    .append("\"air_temperature\":{\"value\":").append(298 + random.nextDouble() * 4)
                    .append(",\"unit\":\"K\"},")
                    .append("\"process_temperature\":{\"value\":").append(308 + random.nextDouble() * 4)
                    .append(",\"unit\":\"K\"},")
                    .append("\"rotational_speed\":{\"value\":").append(1400 + random.nextInt(500))
                    .append(",\"unit\":\"rpm\"},")
                    .append("\"torque\":{\"value\":").append(30 + random.nextDouble() * 20)
                    .append(",\"unit\":\"Nm\"},")
                    .append("\"tool_wear\":{\"value\":").append(random.nextInt(250)).append(",\"unit\":\"min\"}}}");
        }
        return sb.append("]}").toString();
    }

    /** Device ids whose shard (FNV-1a 32 of the UTF-8 id, mod 16, as io.edgeai.contracts.ShardFunction) is s. */
    static List<String> devicesInShard(int shard) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < DEVICES; i++) {
            String id = "bench-" + i;
            int h = 0x811c9dc5;
            for (byte c : id.getBytes(StandardCharsets.UTF_8)) {
                h ^= (c & 0xff);
                h *= 0x01000193;
            }
            if (Integer.toUnsignedLong(h) % SHARDS == shard) {
                ids.add(id);
            }
        }
        return ids;
    }
}

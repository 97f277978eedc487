import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load generator for data-shard-service's notes: writes notes with 384-float embeddings (MiniLM's size) spread over
 * every shard, then runs similar-notes queries and reports how many stored embeddings a query scans per second.
 * Runs as a single source file (java NotesBench.java ...), JDK only. Usage:
 * NotesBench <baseUrl> [notes=20000] [writers=4] [queries=200] [dimensions=384]
 */
public class NotesBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int notes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int dims = args.length > 4 ? Integer.parseInt(args[4]) : 384;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        System.out.printf("writing %,d notes (%d-float embeddings) over 200 devices, %d writers%n", notes, dims,
                writers);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<long[]>> parts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            parts.add(pool.submit(() -> {
                Random random = new Random(writer);
                long[] latencies = new long[notes / writers];
                for (int i = 0; i < latencies.length; i++) {
                    int n = writer * latencies.length + i;
                    String body = "{\"noteId\":\"bench-" + n + "\",\"deviceId\":\"dev-" + (n % 200)
                            + "\",\"author\":\"bench\",\"text\":\"note number " + n + " about a pump that runs hot\","
                            + "\"action\":\"checked the fan\",\"createdAt\":\""
                            + Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n) + "\",\"embedding\":{\"model\":"
                            + "\"bench-encoder\",\"version\":\"1\",\"vector\":" + vector(random, dims) + "}}";
                    long t = System.nanoTime();
                    HttpResponse<String> r = post(client, base + "/api/v1/notes", body);
                    latencies[i] = System.nanoTime() - t;
                    if (r.statusCode() != 201 && r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                }
                return latencies;
            }));
        }
        List<Long> writes = new ArrayList<>();
        for (Future<long[]> part : parts) {
            for (long l : part.get()) {
                writes.add(l);
            }
        }
        pool.shutdown();
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("notes written: %,d in %.1f s = %.0f notes/s; per note p50 %.1f ms, p99 %.1f ms%n",
                writes.size(), writeSeconds, writes.size() / writeSeconds, pct(writes, 50), pct(writes, 99));

        Random random = new Random(99);
        for (int i = 0; i < 20; i++) { // warm-up of the scan path, not measured
            post(client, base + "/api/v1/notes/similar", query(random, dims));
        }
        List<Long> latencies = new ArrayList<>();
        long scanned = 0;
        long q0 = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = post(client, base + "/api/v1/notes/similar", query(random, dims));
            latencies.add(System.nanoTime() - t);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            int at = r.body().indexOf("\"scanned\":");
            scanned += Long.parseLong(r.body().substring(at + 10, r.body().indexOf(',', at)).trim());
        }
        double querySeconds = (System.nanoTime() - q0) / 1e9;
        System.out.printf("similar queries (k=5, one at a time): %d, p50 %.1f ms, p99 %.1f ms; %,d notes scanned per"
                + " query; %,.0f notes scanned per second%n", queries, pct(latencies, 50), pct(latencies, 99),
                scanned / queries, scanned / querySeconds);
    }

    static String query(Random random, int dims) {
        return "{\"embedding\":" + vector(random, dims) + ",\"model\":\"bench-encoder\",\"k\":5}";
    }

    static String vector(Random random, int dims) {
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims; i++) {
            sb.append(i == 0 ? "" : ",").append((float) (v[i] / Math.sqrt(norm)));
        }
        return sb.append(']').toString();
    }

    static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

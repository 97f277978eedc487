import io.edgeai.inference.texttrain.SyntheticNotes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of bench/text/run.sh: {@code clients} threads each send one note per request to
 * {@code /v2/models/<model>/infer} for {@code seconds}, back to back, notes drawn from synthetic maintenance notes
 * (a different note every request), after {@code warmup} seconds of the same load that are not counted (the server's
 * JIT compilers are busy for tens of seconds after a start: measured before that, their CPU is in the figures).
 * Prints one line: {@code notes/s p50_ms p99_ms errors requests client_cpu_ms_per_request} (the load generator's own
 * CPU, all its threads: on the same box it is CPU the server does not get).
 *
 * <p>Usage: {@code java -cp <inference test-classes> TextBench.java <base-url> <model> <clients> <seconds> [warmup]}
 *
 * <p>{@code TextBench.java inproc <version-folder> <seconds>} (classpath: the service's classes and libraries too):
 * the encoder's own runner on one thread, no HTTP, no batcher, batches of 1, 8 and 32 notes; prints
 * {@code batch ms_per_call notes/s cpu_ms_per_note} per line (ONNX Runtime with one intra-op thread computes on the
 * calling thread, so its CPU time is the call's cost whatever else the machine runs).
 */
public class TextBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("inproc")) {
            inProcess(java.nio.file.Path.of(args[1]), Double.parseDouble(args[2]));
            return;
        }
        String base = args[0];
        String model = args[1];
        int clients = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        List<String> bodies = new ArrayList<>();
        for (SyntheticNotes.Note n : SyntheticNotes.generate(4000, 99)) {
            String text = n.text().replace("\\", "\\\\").replace("\"", "\\\"");
            bodies.add("{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"" + text
                    + "\"]}]}");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(base + "/v2/models/" + model + "/infer");
        double warmup = args.length > 4 ? Double.parseDouble(args[4]) : 2.0;
        if (warmup > 0) {
            run(http, uri, bodies, clients, warmup); // connections, the client's and the server's JIT
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Result r = run(http, uri, bodies, clients, seconds);
        double clientCpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, r.count);
        System.out.printf("%.1f %.2f %.2f %d %d %.2f%n", r.count / r.seconds, r.percentile(0.50),
                r.percentile(0.99), r.errors, r.count, clientCpuMs);
    }

    static void inProcess(java.nio.file.Path dir, double seconds) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        var config = io.edgeai.inference.repository.ModelConfigCodec.read(dir.resolve("model.json"));
        List<String> notes = SyntheticNotes.generate(4000, 99).stream().map(SyntheticNotes.Note::text).toList();
        try (var encoder = io.edgeai.inference.compute.OnnxTextEncoder.load(dir, "model.onnx", config.name(),
                config.textEncoder())) {
            for (int batch : new int[] {1, 8, 32}) {
                int next = 0;
                long calls = 0;
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = 0;
                long warmEnd = System.nanoTime() + 1_000_000_000L;
                long start = 0;
                long end = Long.MAX_VALUE;
                while (System.nanoTime() < end) {
                    String[] texts = new String[batch];
                    for (int i = 0; i < batch; i++) {
                        texts[i] = notes.get(next++ % notes.size());
                    }
                    encoder.embed(texts);
                    if (start == 0 && System.nanoTime() > warmEnd) {
                        start = System.nanoTime();
                        cpuStart = threads.getCurrentThreadCpuTime();
                        end = start + (long) (seconds * 1e9);
                    } else if (start != 0) {
                        calls++;
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                System.out.printf("%d %.2f %.0f %.2f%n", batch, elapsed * 1000 / calls, calls * batch / elapsed,
                        cpuMs / (calls * batch));
            }
        }
    }

    record Result(long count, long errors, double seconds, long[] latenciesNanos) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    static Result run(HttpClient http, URI uri, List<String> bodies, int clients, double seconds)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[200_000];
            perThread.add(lat);
            int id = c;
            Thread t = new Thread(() -> {
                int i = 0;
                int next = id * 997;
                while (System.nanoTime() < end && i < lat.length) {
                    String body = bodies.get(next++ % bodies.size());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    lat[i++] = System.nanoTime() - t0;
                }
                counts[id] = i;
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int o = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perThread.get(c), 0, all, o, counts[c]);
            o += counts[c];
        }
        return new Result(total, errors.get(), elapsed, all);
    }
}

package io.edgeai.postprocessing.bench;

import io.edgeai.postprocessing.FakeHttpServer;
import io.edgeai.postprocessing.PostprocessingApplication;
import io.edgeai.postprocessing.decision.DecisionRequest;
import io.edgeai.postprocessing.decision.Postprocessor;
import io.edgeai.postprocessing.decision.ReadingMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of postprocessing for ai4i-failure outputs (6 labels, 20 devices, alerts raised and cleared as the
 * probabilities move): in-process (validate, decide, track alerts; no HTTP) and over HTTP with batches of 100.
 * Run by bench/postprocessing/run.sh; not a test.
 */
public final class PostprocessingBench {

    static final int BATCH = 100;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AtomicLong SEQUENCE = new AtomicLong();

    public static void main(String[] args) {
        try {
            bench(args);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the stand-in HTTP server's threads would keep the JVM alive
        }
    }

    static void bench(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        FakeHttpServer inference = FakeHttpServer.get();
        inference.serve("ai4i-failure", "1", """
                {"name":"ai4i-failure","version":"1","labels":["machine_failure","TWF","HDF","PWF","OSF","RNF"],
                 "outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,6]}],
                 "thresholds":{"machine_failure":{"high":0.5,"low":0.3}}}""");
        SpringApplication app = new SpringApplication(PostprocessingApplication.class);
        // command-line arguments win over application.yml (default properties would not)
        try (ConfigurableApplicationContext ctx = app.run("--server.port=0", "--edge.inference.uri=" + inference.uri(),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            Postprocessor postprocessor = ctx.getBean(Postprocessor.class);
            double inProcess = rate(seconds, 1, () -> postprocessor.decide(request()));

            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + port + "/api/v1/postprocessing/decisions");
            double overHttp = rate(seconds, clients, () -> {
                HttpRequest post = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json())).build();
                HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                return r;
            });
            System.out.printf("%-16s in-process %,10.0f readings/s | HTTP batch %d (%d clients) %,10.0f readings/s"
                    + " (%,.0f requests/s)%n", "postprocessing", inProcess, BATCH, clients, overHttp,
                    overHttp / BATCH);
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    static double rate(double seconds, int threads, Call call) throws Exception {
        run((long) (seconds * 1000 / 3), threads, call);
        return run((long) (seconds * 1000), threads, call) * BATCH / seconds;
    }

    static long run(long millis, int threads, Call call) throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.currentTimeMillis() + millis;
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    while (System.currentTimeMillis() < end) {
                        call.run();
                        calls.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return calls.get();
    }

    /** Probability of reading {@code i}: slow waves per device, so alerts keep being raised and cleared. */
    static double probability(long i) {
        return 0.5 + 0.45 * Math.sin(i / 40.0);
    }

    static DecisionRequest request() {
        long base = SEQUENCE.getAndAdd(BATCH);
        List<List<Double>> rows = new ArrayList<>(BATCH);
        List<ReadingMetadata> readings = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = base + i;
            double p = probability(n / 20);
            rows.add(List.of(p, p / 2, 0.01, 0.02, 0.03, 0.0));
            readings.add(new ReadingMetadata("bench-" + (n % 20), T0.plusMillis(n), "L"));
        }
        return new DecisionRequest("ai4i-failure", "1", null, null, rows, readings);
    }

    static String json() {
        long base = SEQUENCE.getAndAdd(BATCH);
        StringBuilder data = new StringBuilder();
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            long n = base + i;
            double p = probability(n / 20);
            data.append(i == 0 ? "" : ",").append(p).append(',').append(p / 2).append(",0.01,0.02,0.03,0.0");
            meta.append(i == 0 ? "" : ",").append("{\"deviceId\":\"bench-").append(n % 20)
                    .append("\",\"timestamp\":\"").append(T0.plusMillis(n)).append("\",\"machineType\":\"L\"}");
        }
        return "{\"modelName\":\"ai4i-failure\",\"modelVersion\":\"1\",\"outputs\":[{\"name\":\"probabilities\","
                + "\"datatype\":\"FP32\",\"shape\":[" + BATCH + ",6],\"data\":[" + data + "]}],\"readings\":[" + meta
                + "]}";
    }
}

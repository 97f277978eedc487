package io.edgeai.preprocessing.bench;

import io.edgeai.contracts.Reading;
import io.edgeai.preprocessing.FakeInferenceServer;
import io.edgeai.preprocessing.Fixtures;
import io.edgeai.preprocessing.PreprocessingApplication;
import io.edgeai.preprocessing.features.FeatureRequest;
import io.edgeai.preprocessing.features.Preprocessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput of preprocessing for ai4i-failure-shaped readings: in-process (validate + encode, no HTTP) and over
 * HTTP with batches of 100. Run by bench/preprocessing/run.sh; not a test.
 */
public final class PreprocessingBench {

    static final int BATCH = 100;

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
        FakeInferenceServer inference = FakeInferenceServer.get();
        inference.serve("ai4i-failure", "1", Fixtures.modelJson("ai4i-failure", "1", Fixtures.fittedAi4iSpec()));
        SpringApplication app = new SpringApplication(PreprocessingApplication.class);
        // command-line arguments win over application.yml (default properties would not)
        try (ConfigurableApplicationContext ctx = app.run("--server.port=0", "--edge.inference.uri=" + inference.uri(),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            Preprocessor preprocessor = ctx.getBean(Preprocessor.class);
            FeatureRequest request = new FeatureRequest("ai4i-failure", null, null, readings());
            double inProcess = rate(seconds, 1, () -> preprocessor.encode(request));

            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            String body = json();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/v1/preprocessing/features")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            double overHttp = rate(seconds, clients, () -> {
                HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                return r;
            });
            System.out.printf("%-16s in-process %,10.0f readings/s | HTTP batch %d (%d clients) %,10.0f readings/s"
                    + " (%,.0f requests/s)%n", "preprocessing", inProcess, BATCH, clients, overHttp,
                    overHttp / BATCH);
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    /** Readings per second over {@code seconds} after a warm-up of a third of that, with {@code threads} callers. */
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

    static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < BATCH; i++) {
            Object[] row = Fixtures.AI4I_ROWS[i % Fixtures.AI4I_ROWS.length];
            Map<String, Reading.Measurement> sensors = new LinkedHashMap<>();
            String[] units = {"K", "K", "rpm", "Nm", "min"};
            for (int s = 0; s < Fixtures.SENSORS.size(); s++) {
                sensors.put(Fixtures.SENSORS.get(s), new Reading.Measurement((Double) row[s + 1], units[s]));
            }
            out.add(new Reading("bench-" + (i % 20), t0.plusSeconds(i), (String) row[0], sensors));
        }
        return out;
    }

    static String json() {
        StringBuilder sb = new StringBuilder("{\"model\":\"ai4i-failure\",\"readings\":[");
        List<Reading> readings = readings();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"deviceId\":\"").append(r.deviceId()).append("\",\"timestamp\":\"")
                    .append(r.timestamp()).append("\",\"machineType\":\"").append(r.machineType())
                    .append("\",\"sensors\":{");
            int s = 0;
            for (Map.Entry<String, Reading.Measurement> e : r.sensors().entrySet()) {
                sb.append(s++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":{\"value\":")
                        .append(e.getValue().value()).append(",\"unit\":\"").append(e.getValue().unit()).append("\"}");
            }
            sb.append("}}");
        }
        return sb.append("]}").toString();
    }
}

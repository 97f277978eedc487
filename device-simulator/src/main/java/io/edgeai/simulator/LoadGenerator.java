package io.edgeai.simulator;

import io.edgeai.simulator.client.ReadingJson;
import io.edgeai.simulator.load.ClosedLoopRun;
import io.edgeai.simulator.load.JsonReader;
import io.edgeai.simulator.load.LoadResult;
import io.edgeai.simulator.machine.Fleet;
import io.edgeai.simulator.machine.GenerationRules;
import io.edgeai.simulator.machine.MachineModel;
import io.edgeai.simulator.machine.Reading;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures the gateway: readings/s for batches through the pipeline endpoint and single-reading latency at several
 * concurrencies, beside the same figures for calling the model's OIP infer endpoint alone; prints a table.
 */
public final class LoadGenerator {

    static final Set<String> NAMES = Set.of("gateway", "api-key", "model", "warmup", "duration", "clients", "batch",
            "batch-clients", "only", "suite-warmup", "help");

    static final String USAGE = """
            usage: java -cp device-simulator.jar io.edgeai.simulator.LoadGenerator --api-key KEY [options]
              --gateway URL       gateway base URL (default http://localhost:8080)
              --api-key KEY       operator key (or EDGE_API_KEY)
              --model NAME        model for the inference-only figures (default ai4i-failure)
              --suite-warmup DUR  before the first point, every point's load in turn, not measured
                                  (default 60s; bench/gateway/run.sh passes 120s):
                                  five JVMs on two cores keep JIT-compiling for about a minute, and the
                                  compiler threads take the cores the services need
              --warmup DUR        per point, not measured (default 3s)
              --duration DUR      measured time per point (default 10s)
              --clients LIST      concurrencies for single requests (default 1,8,32)
              --batch N           readings (or rows) per batched request (default 100)
              --batch-clients N   concurrency of the batched points (default 8)
              --only WHAT         pipeline | inference | all (default all)
            """;

    private final URI gateway;
    private final String apiKey;
    /** While not null, points run for this long with no warm-up of their own and their figures are dropped. */
    private Duration warmingUp;
    /** Last timestamp sent per device, so a device's readings stay strictly increasing from one point to the next. */
    private final Map<String, Instant> lastTimestamps = new java.util.concurrent.ConcurrentHashMap<>();

    private interface Point {
        LoadResult run() throws Exception;
    }

    private LoadGenerator(URI gateway, String apiKey) {
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws Exception {
        CommandLine cl;
        try {
            cl = new CommandLine(args, NAMES);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (cl.has("help")) {
            System.out.print(USAGE);
            return;
        }
        String key = cl.string("api-key", System.getenv("EDGE_API_KEY"));
        if (key == null || key.isBlank()) {
            System.err.println("error: an API key is required: --api-key KEY or EDGE_API_KEY");
            System.exit(2);
        }
        LoadGenerator generator = new LoadGenerator(URI.create(cl.string("gateway", "http://localhost:8080")
                .replaceAll("/+$", "")), key);
        Duration warmup = cl.duration("warmup", Duration.ofSeconds(3));
        Duration measure = cl.duration("duration", Duration.ofSeconds(10));
        int[] clients = Arrays.stream(cl.string("clients", "1,8,32").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int batch = cl.integer("batch", 100, 1);
        int batchClients = cl.integer("batch-clients", 8, 0); // 0 skips the batched points
        String only = cl.string("only", "all");
        String model = cl.string("model", "ai4i-failure");

        Duration suiteWarmup = cl.duration("suite-warmup", Duration.ofSeconds(60));

        List<Point> points = new ArrayList<>();
        if (!only.equals("inference")) {
            if (batchClients > 0) {
                points.add(() -> generator.pipeline(batchClients, batch, warmup, measure));
            }
            for (int c : clients) {
                points.add(() -> generator.pipeline(c, 1, warmup, measure));
            }
        }
        if (!only.equals("pipeline")) {
            InputSpec input = generator.inputSpec(model);
            System.err.printf("inference input of %s: name=%s datatype=%s width=%d%n", model, input.name,
                    input.datatype, input.width);
            if (batchClients > 0) {
                points.add(() -> generator.inference(model, input, batchClients, batch, warmup, measure));
            }
            for (int c : clients) {
                points.add(() -> generator.inference(model, input, c, 1, warmup, measure));
            }
        }
        if (!suiteWarmup.isZero() && !points.isEmpty()) {
            // Each point's own load for a share of the suite warm-up, so every code path it takes is compiled.
            Duration slice = suiteWarmup.dividedBy(points.size());
            System.err.printf("suite warm-up: %ds, %d point(s) of %dms each, not measured%n",
                    suiteWarmup.toSeconds(), points.size(), slice.toMillis());
            generator.warmingUp = slice;
            for (Point point : points) {
                point.run();
            }
            generator.warmingUp = null;
        }
        List<LoadResult> results = new ArrayList<>();
        for (Point point : points) {
            results.add(point.run());
        }
        print(results);
    }

    private LoadResult pipeline(int clients, int batch, Duration warmup, Duration measure)
            throws InterruptedException {
        if (warmingUp != null) {
            warmup = Duration.ZERO;
            measure = warmingUp;
        }
        System.err.printf("pipeline%s: %d client(s), %d reading(s) per request...%n",
                warmingUp != null ? " (warm-up)" : "", clients, batch);
        // Own device ids (bench-...) so the benchmark's readings stay apart from the demo fleet's.
        List<MachineModel> machines = Fleet.create(clients, "bench-c" + clients + "b" + batch + "-", 7L, false,
                GenerationRules.ai4i2020());
        return ClosedLoopRun.run("pipeline " + (batch == 1 ? "single reading" : "batch of " + batch), clients, batch,
                warmup, measure, c -> {
                    MachineModel machine = machines.get(c);
                    URI uri = gateway.resolve("/api/v1/devices/" + machine.deviceId() + "/readings");
                    // The device's timeline carries on from the warm-up, so no timestamp is sent twice.
                    Instant[] last = {lastTimestamps.getOrDefault(machine.deviceId(), Instant.EPOCH)};
                    return () -> {
                        List<Reading> readings = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            // Strictly increasing per device, close to the wall clock.
                            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                            last[0] = now.isAfter(last[0]) ? now : last[0].plusMillis(1);
                            readings.add(machine.next(last[0]).reading());
                        }
                        lastTimestamps.put(machine.deviceId(), last[0]);
                        return post(uri, ReadingJson.body(readings));
                    };
                });
    }

    private LoadResult inference(String model, InputSpec input, int clients, int rows, Duration warmup,
                                 Duration measure) throws InterruptedException {
        if (warmingUp != null) {
            warmup = Duration.ZERO;
            measure = warmingUp;
        }
        System.err.printf("inference%s: %d client(s), %d row(s) per request...%n",
                warmingUp != null ? " (warm-up)" : "", clients, rows);
        URI uri = gateway.resolve("/v2/models/" + model + "/infer");
        // A few prepared bodies per client: the figure should be the server's cost, not the JSON building.
        return ClosedLoopRun.run("inference " + (rows == 1 ? "single row" : "batch of " + rows + " rows"), clients,
                rows, warmup, measure, c -> {
                    SplittableRandom random = new SplittableRandom(31L * c + rows);
                    String[] bodies = new String[16];
                    for (int b = 0; b < bodies.length; b++) {
                        bodies[b] = inferBody(input, rows, random);
                    }
                    int[] n = {0};
                    return () -> post(uri, bodies[n[0]++ % bodies.length]);
                });
    }

    private HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String inferBody(InputSpec input, int rows, SplittableRandom random) {
        StringBuilder out = new StringBuilder("{\"inputs\":[{\"name\":\"").append(input.name)
                .append("\",\"datatype\":\"").append(input.datatype).append("\",\"shape\":[").append(rows)
                .append(',').append(input.width).append("],\"data\":[");
        for (int i = 0; i < rows * input.width; i++) {
            if (i > 0) {
                out.append(',');
            }
            // Normalised-looking features: the model's inputs are standardised by preprocessing.
            out.append(String.format(Locale.ROOT, "%.3f", random.nextGaussian()));
        }
        return out.append("]}]}").toString();
    }

    /** The first input of the model as its OIP metadata describes it. */
    record InputSpec(String name, String datatype, int width) {
    }

    @SuppressWarnings("unchecked")
    private InputSpec inputSpec(String model) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/v2/models/" + model))
                .header("X-API-Key", apiKey).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /v2/models/" + model + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return inputSpecOf((Map<String, Object>) JsonReader.parse(response.body()));
    }

    @SuppressWarnings("unchecked")
    static InputSpec inputSpecOf(Map<String, Object> metadata) {
        Map<String, Object> first = ((List<Map<String, Object>>) metadata.get("inputs")).get(0);
        List<Object> shape = (List<Object>) first.get("shape");
        int width = ((Number) shape.get(shape.size() - 1)).intValue();
        if (width <= 0) {
            throw new IllegalStateException("the model's last input dimension is not fixed: " + shape);
        }
        return new InputSpec((String) first.get("name"), (String) first.getOrDefault("datatype", "FP32"), width);
    }

    static void print(List<LoadResult> results) {
        System.out.printf("%n%-32s %7s %10s %12s %9s %9s %9s  %s%n", "point", "clients", "req/s", "items/s",
                "p50 ms", "p99 ms", "not-2xx", "statuses");
        for (LoadResult r : results) {
            System.out.printf(Locale.ROOT, "%-32s %7d %10.0f %12.0f %9.2f %9.2f %9d  %s%n", r.target(), r.clients(),
                    r.requestsPerSecond(), r.itemsPerSecond(), r.p50Millis(), r.p99Millis(), r.notOk(),
                    r.statuses());
        }
        System.out.println("(items = readings for the pipeline, rows for inference; latency of 2xx answers only)");
        for (LoadResult r : results) {
            if (r.rateLimited() > 0) {
                System.out.println("WARNING: " + r.rateLimited() + " requests got 429 at '" + r.target() + "' x"
                        + r.clients() + ": the key's rate limit, not the suite, bounded this point. Restart the"
                        + " gateway with a higher limit (see bench/gateway/run.sh).");
            }
            if (r.ok() == 0 && !r.statuses().isEmpty()) {
                System.out.println("NOTE: no 2xx at '" + r.target() + "' x" + r.clients() + " (statuses "
                        + r.statuses() + "): endpoint missing or failing, figures are not meaningful.");
            }
        }
        results.stream().filter(r -> r.target().startsWith("pipeline batch")).findFirst().ifPresent(r ->
                System.out.printf(Locale.ROOT, "target >= 5000 readings/s batched: %.0f -> %s%n", r.itemsPerSecond(),
                        r.ok() > 0 && r.itemsPerSecond() >= 5000 ? "met" : "NOT met"));
        results.stream().filter(r -> r.target().equals("pipeline single reading") && r.clients() == 8).findFirst()
                .ifPresent(r -> System.out.printf(Locale.ROOT, "target p99 <= 25 ms at 8 clients: %.2f ms -> %s%n",
                        r.p99Millis(), r.ok() > 0 && r.p99Millis() <= 25 ? "met" : "NOT met"));
    }
}

package io.edgeai.modelclient.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The throughput bench of a pipeline stage (preprocessing, postprocessing): starts the service against the
 * {@link FakeInferenceServer}, measures calls in-process (no HTTP) and then POSTs of one batch over HTTP, after a
 * warm-up of a third of the measured time each, and prints readings per second. Run by bench/*&#47;run.sh; not a
 * test.
 *
 * @param name        the stage's name in the printed line
 * @param application the service's {@code @SpringBootApplication} class
 * @param path        the endpoint POSTed to
 * @param batch       readings per call
 */
public record StageBench(String name, Class<?> application, String path, int batch) {

    /** One call of the measured loop. */
    public interface Call {
        Object run() throws Exception;
    }

    /**
     * Runs the bench with {@code args} {@code [seconds=5] [http-clients=2]} and exits the JVM (the stand-in server's
     * threads would keep it alive): {@code inProcess} gives the in-process call from the started context,
     * {@code body} the JSON of each HTTP call.
     */
    public void main(String[] args, Function<ConfigurableApplicationContext, Call> inProcess, Supplier<String> body) {
        try {
            bench(args, inProcess, body);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void bench(String[] args, Function<ConfigurableApplicationContext, Call> inProcess, Supplier<String> body)
            throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        SpringApplication app = new SpringApplication(application);
        // command-line arguments win over application.yml (default properties would not)
        try (ConfigurableApplicationContext ctx = app.run("--server.port=0",
                "--edge.inference.uri=" + FakeInferenceServer.get().uri(), "--logging.level.root=WARN",
                "--spring.main.banner-mode=off")) {
            double inProc = rate(seconds, 1, inProcess.apply(ctx));
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            URI uri = URI.create("http://localhost:" + port + path);
            HttpClient http = HttpClient.newHttpClient();
            double overHttp = rate(seconds, clients, () -> {
                HttpRequest post = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.get())).build();
                HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                return r;
            });
            System.out.printf("%-16s in-process %,10.0f readings/s | HTTP batch %d (%d clients) %,10.0f readings/s"
                    + " (%,.0f requests/s)%n", name, inProc, batch, clients, overHttp, overHttp / batch);
        }
    }

    /** Readings per second over {@code seconds} after a warm-up of a third of that, with {@code threads} callers. */
    private double rate(double seconds, int threads, Call call) throws Exception {
        run((long) (seconds * 1000 / 3), threads, call);
        return run((long) (seconds * 1000), threads, call) * batch / seconds;
    }

    private static long run(long millis, int threads, Call call) throws Exception {
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
}

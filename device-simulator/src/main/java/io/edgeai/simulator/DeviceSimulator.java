package io.edgeai.simulator;

import io.edgeai.simulator.client.MqttReadingPublisher;
import io.edgeai.simulator.client.ReadingClient;
import io.edgeai.simulator.client.ReadingSink;
import io.edgeai.simulator.client.RetryPolicy;
import io.edgeai.simulator.client.TrafficStats;
import io.edgeai.simulator.machine.Fleet;
import io.edgeai.simulator.machine.GenerationRules;
import io.edgeai.simulator.machine.MachineModel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Streams AI4I 2020 machine readings for a fleet through the gateway until stopped or for {@code --duration}, with a
 * one-line summary every 10 s.
 */
public final class DeviceSimulator {

    static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);
    // Threads block while a batch is retried; beyond this many devices, some wait for a free thread, which only
    // happens when the gateway pushes back on everyone anyway.
    static final int MAX_THREADS = 32;

    private final SimulatorOptions options;
    private final TrafficStats stats = new TrafficStats();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private ScheduledExecutorService scheduler;
    private ReadingSink sink;

    DeviceSimulator(SimulatorOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %5$s%6$s%n");
        SimulatorOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(SimulatorOptions.USAGE);
                return;
            }
            options = SimulatorOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        DeviceSimulator simulator = new DeviceSimulator(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "simulator-shutdown"));
        simulator.start();
        if (options.duration() != null) {
            Thread.sleep(options.duration().toMillis());
            simulator.stop();
        } else {
            simulator.scheduler.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }

    /** Starts every device's stream, spread evenly over one interval so requests do not arrive in bursts. */
    void start() {
        List<MachineModel> machines = Fleet.create(options.devices(), options.devicePrefix(), options.seed(),
                options.demoStarts(), GenerationRules.ai4i2020());
        scheduler = Executors.newScheduledThreadPool(Math.min(machines.size() + 1, MAX_THREADS), daemonThreads());
        ReadingSink client = sink();
        this.sink = client;
        log("simulating " + machines.size() + " machines (" + machines.stream()
                .collect(Collectors.groupingBy(m -> m.type().name(), java.util.TreeMap::new, Collectors.counting()))
                + " by type) every " + options.interval().toMillis() + " ms, batch " + options.batch() + ", seed "
                + options.seed() + (options.demoStarts() ? ", demo starts on" : "") + " -> "
                + (options.mqtt() == null ? options.gateway() : options.mqtt() + " " + options.mqttTopic()));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < machines.size(); i++) {
            Instant deviceStart = start.plus(options.interval().multipliedBy(i).dividedBy(machines.size()));
            new DeviceStream(machines.get(i), client, stats, scheduler, stopping::get, deviceStart,
                    options.interval(), options.batch()).begin();
        }
        scheduler.scheduleAtFixedRate(() -> log(stats.summary()), SUMMARY_EVERY.toMillis(),
                SUMMARY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ReadingSink sink() {
        if (options.mqtt() == null) {
            return new ReadingClient(ReadingClient.defaultHttpClient(), options.gateway(), options.apiKey(),
                    RetryPolicy.standard(), stats, Duration.ofSeconds(10));
        }
        try {
            return new MqttReadingPublisher(options.mqtt(), "edge-simulator-" + options.devicePrefix()
                    .replaceAll("[^A-Za-z0-9]", "") + "-" + ProcessHandle.current().pid(), options.mqttTopic(), stats);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to the MQTT broker " + options.mqtt() + ": " + e, e);
        }
    }

    /** Stops taking readings, lets in-flight requests finish briefly, prints the final summary. */
    void stop() {
        if (!stopping.compareAndSet(false, true) || scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sink instanceof MqttReadingPublisher mqtt) {
            mqtt.close();
        }
        log("stopped: " + stats.summary());
    }

    TrafficStats stats() {
        return stats;
    }

    private static void log(String line) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "device-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

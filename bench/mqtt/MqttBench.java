import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Readings/s end to end over MQTT QoS 1 and the connector's CPU per reading: publishes AI4I readings for DEVICES
 * machines as fast as the broker acknowledges them (a window of WINDOW unacknowledged publishes), counts the
 * readings whose decisions come back on edge/decisions/#, and reads the connector's CPU time from /proc.
 * Run by bench/mqtt/run.sh (java -cp device-simulator.jar MqttBench.java, the jar carries Paho).
 */
public class MqttBench {

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        long connectorPid = Long.parseLong(args[1]);
        int devices = Integer.parseInt(args[2]);
        int warmupSeconds = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int window = Integer.parseInt(args[5]);
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);

        AtomicLong decided = new AtomicLong();
        MqttAsyncClient observer = connect(broker, "bench-observer-" + run);
        String prefix = "edge/decisions/bench-" + run + "-";
        observer.subscribe("edge/decisions/+", 1, (topic, message) -> {
            if (!topic.startsWith(prefix)) {
                return;
            }
            String body = new String(message.getPayload(), StandardCharsets.UTF_8);
            int n = 0;
            for (int i = body.indexOf("\"predictionId\""); i >= 0; i = body.indexOf("\"predictionId\"", i + 1)) {
                n++;
            }
            decided.addAndGet(n);
        }).waitForCompletion(5000);

        MqttAsyncClient publisher = connect(broker, "bench-publisher-" + run);
        Semaphore inFlight = new Semaphore(window);
        AtomicLong acked = new AtomicLong();
        IMqttActionListener release = new IMqttActionListener() {
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                inFlight.release();
            }

            public void onFailure(IMqttToken token, Throwable e) {
                inFlight.release();
            }
        };
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long start = System.nanoTime();
        long warmEnd = start + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long decidedAtWarmEnd = -1;
        long cpuAtWarmEnd = -1;
        long published = 0;
        for (long seq = 0; System.nanoTime() < end; seq++) {
            if (decidedAtWarmEnd < 0 && System.nanoTime() >= warmEnd) {
                decidedAtWarmEnd = decided.get();
                cpuAtWarmEnd = cpuTicks(connectorPid);
            }
            int d = (int) (seq % devices);
            long i = seq / devices;
            String payload = String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"sensors\":{"
                    + "\"air_temperature\":{\"value\":%.1f,\"unit\":\"K\"},\"process_temperature\":{\"value\":%.1f,"
                    + "\"unit\":\"K\"},\"rotational_speed\":{\"value\":%d,\"unit\":\"rpm\"},\"torque\":{\"value\":"
                    + "%.1f,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":%d,\"unit\":\"min\"}}}",
                    base.plusMillis(i * 100), 298.1 + (i % 5) * 0.1, 308.6 + (i % 3) * 0.1, 1551 - (i % 7) * 10,
                    42.8 - (i % 4), i % 200);
            inFlight.acquire();
            publisher.publish("factory/M/bench-" + run + "-" + d + "/telemetry",
                    payload.getBytes(StandardCharsets.UTF_8), 1, false, null, release);
            published++;
        }
        long decidedInWindow = decided.get() - decidedAtWarmEnd;
        long cpu = cpuTicks(connectorPid) - cpuAtWarmEnd;
        long hz = 100; // USER_HZ on Linux
        double readingsPerSecond = decidedInWindow / (double) seconds;
        System.out.printf(Locale.ROOT, "devices %d, window %d unacknowledged publishes, warm-up %d s, measured %d s%n",
                devices, window, warmupSeconds, seconds);
        System.out.printf(Locale.ROOT, "published %d readings (%d acknowledged by the broker)%n", published,
                acked.get());
        System.out.printf(Locale.ROOT, "end to end (publish -> connector -> pipeline -> decision published back): "
                + "%.0f readings/s%n", readingsPerSecond);
        System.out.printf(Locale.ROOT, "connector CPU: %.2f s in %d s (%.0f %% of one core), %.1f us per reading%n",
                cpu / (double) hz, seconds, 100.0 * cpu / hz / seconds,
                decidedInWindow == 0 ? 0 : cpu * 1e6 / hz / decidedInWindow);
        publisher.disconnect().waitForCompletion(5000);
        observer.disconnect().waitForCompletion(5000);
        System.exit(0);
    }

    static MqttAsyncClient connect(String broker, String id) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(65535);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}

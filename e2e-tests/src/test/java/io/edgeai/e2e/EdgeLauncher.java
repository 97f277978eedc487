package io.edgeai.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real {@code ./edge} launcher, the way a user runs the suite, on free ports and a private data folder.
 */
final class EdgeLauncher {

    static final String[] SERVICES = {"gateway-service", "preprocessing-service", "inference-service",
            "postprocessing-service", "data-shard-service"};
    /** The MQTT connector: started only by the tests that ask for it ({@link #withConnector}), a 6th JVM otherwise. */
    static final String CONNECTOR = "connector-service";

    private final Path repo;
    private final Path home;
    private final int shards;
    private final int inference;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private boolean connector;

    EdgeLauncher(Path repo, Path home) throws IOException {
        this(repo, home, 1, 1);
    }

    /**
     * A launcher of the multi-node layout {@code ./edge up --shards <shards> --inference <inference>}: data-shard
     * instance i is {@code data-shard-service-i} (instance 0 keeps the plain name), the same for inference.
     */
    EdgeLauncher(Path repo, Path home, int shards, int inference) throws IOException {
        this.repo = repo;
        this.home = home;
        this.shards = shards;
        this.inference = inference;
        for (String service : SERVICES) {
            // reliability/run.sh pins the ports (edge.port.<service>); tests take free ones.
            String pinned = System.getProperty("edge.port." + service, "");
            ports.put(service, pinned.isBlank() ? freePort() : Integer.parseInt(pinned.trim()));
        }
        ports.put(CONNECTOR, freePort());
        for (int i = 1; i < shards; i++) {
            ports.put(instance("data-shard-service", i), freePort());
        }
        for (int i = 1; i < inference; i++) {
            ports.put(instance("inference-service", i), freePort());
        }
        // The data folder's unpacked jars (lib/) and DJL's extracted natives (cache/) are 1-2 GB a suite: a CI run of
        // every test left 20+ GB in the temp folder and three runs filled the disk. They go when the test JVM ends
        // (every suite is down by then); logs, shards and spool stay for a look after a failure.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(home.resolve("lib"));
            deleteQuietly(home.resolve("cache"));
        }, "edge-launcher-cleanup"));
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover folder is only disk space
        }
    }

    /** The launcher's name of instance {@code ordinal} of a service. */
    static String instance(String service, int ordinal) {
        return ordinal == 0 ? service : service + "-" + ordinal;
    }

    /** The ports of every instance of a service, instance 0 first, as the launcher takes them. */
    private String portList(String service, int count) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ",").append(port(instance(service, i)));
        }
        return list.toString();
    }

    int port(String service) {
        return ports.get(service);
    }

    String gateway() {
        return "http://localhost:" + port("gateway-service");
    }

    Path home() {
        return home;
    }

    /** An environment variable for every service the launcher starts (a setting such as a rate limit). */
    EdgeLauncher env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Starts connector-service too, connected to {@code broker} (e.g. {@code tcp://127.0.0.1:1883}). */
    EdgeLauncher withConnector(String broker) {
        connector = true;
        extraEnv.put("EDGE_MQTT_BROKER", broker);
        return this;
    }

    /**
     * Starts connector-service too, with MQTT off and OPC UA on: {@code endpoint} (e.g.
     * {@code opc.tcp://127.0.0.1:4840/edge}), {@code devices} as {@code deviceId:machineType,...}, their variables at
     * {@code ns=2;s=<deviceId>.<sensor>}.
     */
    EdgeLauncher withOpcUa(String endpoint, String devices) {
        connector = true;
        extraEnv.put("EDGE_MQTT_ENABLED", "false");
        extraEnv.put("EDGE_OPCUA_ENABLED", "true");
        extraEnv.put("EDGE_OPCUA_ENDPOINT", endpoint);
        extraEnv.put("EDGE_OPCUA_DEVICES", devices);
        return this;
    }

    /** Runs an ./edge command to completion and returns what it printed. */
    String run(String command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "edge-" + command, ".out");
        List<String> argv = new ArrayList<>(List.of("bash", repo.resolve("edge").toString(), command));
        if (command.equals("up") && (shards > 1 || inference > 1)) {
            argv.addAll(List.of("--shards", String.valueOf(shards), "--inference", String.valueOf(inference)));
        }
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(extraEnv);
        env.put("EDGE_HOME", home.toString());
        env.put("EDGE_SKIP_BUILD", "true");
        // A class data sharing archive is written when ./edge down stops a service and helps the data folder's next
        // start; a test's data folder is used once, so only SuiteIT, which checks down, asks for one.
        env.putIfAbsent("EDGE_CDS", "false");
        env.put("EDGE_SIMULATOR", "false");
        env.put("EDGE_CONNECTOR", String.valueOf(connector));
        env.put("EDGE_CONNECTOR_PORT", String.valueOf(port(CONNECTOR)));
        if (connector) {
            // Six JVMs starting at once on two shared cores.
            env.putIfAbsent("EDGE_READY_TIMEOUT", "420");
        }
        env.put("EDGE_GATEWAY_PORT", String.valueOf(port("gateway-service")));
        env.put("EDGE_PREPROCESSING_PORT", String.valueOf(port("preprocessing-service")));
        env.put("EDGE_INFERENCE_PORT", String.valueOf(port("inference-service")));
        env.put("EDGE_POSTPROCESSING_PORT", String.valueOf(port("postprocessing-service")));
        env.put("EDGE_DATA_SHARD_PORT", String.valueOf(port("data-shard-service")));
        if (shards > 1 || inference > 1) {
            env.put("EDGE_DATA_SHARD_PORTS", portList("data-shard-service", shards));
            env.put("EDGE_INFERENCE_PORTS", portList("inference-service", inference));
            // Eight JVMs on a CI box: heaps sized for the test's load, not for a production edge box.
            env.putIfAbsent("EDGE_DATA_SHARD_HEAP", "256m");
            env.putIfAbsent("EDGE_INFERENCE_HEAP", "512m");
            // Eight JVMs starting at once on two shared cores took up to 4 minutes in CI.
            env.putIfAbsent("EDGE_READY_TIMEOUT", "420");
        }
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("./edge " + command + " did not finish in " + timeout + ":\n"
                    + Files.readString(out));
        }
        String printed = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("./edge " + command + " failed (" + p.exitValue() + "):\n" + printed);
        }
        return printed;
    }

    /** A demo API key the launcher generated ({@code viewer}, {@code operator} or {@code admin}). */
    String demoKey(String role) throws IOException {
        String prefix = "EDGE_DEMO_" + role.toUpperCase() + "_KEY=";
        return Files.readAllLines(home.resolve("secrets").resolve("demo-keys.env")).stream()
                .filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElseThrow();
    }

    /** The internal credential the services require from each other (to ask one instance directly). */
    String internalToken() throws IOException {
        return Files.readString(home.resolve("secrets").resolve("internal-token")).trim();
    }

    /** The pid the launcher recorded for a service. */
    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run").resolve(service + ".pid")).trim());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

package io.edgeai.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real {@code ./edge} launcher, the way a user runs the suite, on free ports and a private data folder.
 */
final class EdgeLauncher {

    static final String[] SERVICES = {"gateway-service", "preprocessing-service", "inference-service",
            "postprocessing-service", "data-shard-service"};

    private final Path repo;
    private final Path home;
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    EdgeLauncher(Path repo, Path home) throws IOException {
        this.repo = repo;
        this.home = home;
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
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

    /** Runs an ./edge command to completion and returns what it printed. */
    String run(String command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "edge-" + command, ".out");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("edge").toString(), command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.put("EDGE_HOME", home.toString());
        env.put("EDGE_SKIP_BUILD", "true");
        env.put("EDGE_SIMULATOR", "false");
        env.put("EDGE_GATEWAY_PORT", String.valueOf(port("gateway-service")));
        env.put("EDGE_PREPROCESSING_PORT", String.valueOf(port("preprocessing-service")));
        env.put("EDGE_INFERENCE_PORT", String.valueOf(port("inference-service")));
        env.put("EDGE_POSTPROCESSING_PORT", String.valueOf(port("postprocessing-service")));
        env.put("EDGE_DATA_SHARD_PORT", String.valueOf(port("data-shard-service")));
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

    /** The pid the launcher recorded for a service. */
    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run").resolve(service + ".pid")).trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

package io.edgeai.inference.repository;

import io.edgeai.inference.batching.BatchingSettings;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.metrics.ModelVersionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The Triton-like model repository: {@code <root>/<model>/<version>/model.json} plus weights. Owns the lifecycle of
 * every model version (load, swap, retire) and hands out versions to requests.
 *
 * <p>Requests read an immutable snapshot per model without locking. Changes (start-up scan, folder polling, the
 * repository API) are serialised: new versions are loaded first, then the snapshot is swapped in one step, then the
 * versions that left it are retired and closed when their last in-flight request is answered. A request therefore
 * never sees a half-loaded model and never loses the model under its feet.
 */
@Component
public class ModelRepository implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

    /** The served versions of one model; replaced as a whole. */
    private record Served(NavigableMap<Long, ModelVersion> versions) {
    }

    private final Path root;
    private final Path seed;
    private final ModelLoader loader;
    private final MeterRegistry registry;
    private final boolean batchingEnabled;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    // control-plane state, guarded by this
    private final Set<String> unloaded = new HashSet<>();
    private final Map<String, VersionPolicy> policyOverrides = new HashMap<>();
    private final Map<String, Map<Long, String>> lastSeen = new HashMap<>();
    private final Map<String, Map<Long, String>> attempted = new HashMap<>();
    private final Map<String, Map<Long, String>> failures = new HashMap<>();

    public ModelRepository(RepositoryProperties properties, ModelLoader loader, MeterRegistry registry) {
        this.root = properties.modelRepository();
        this.seed = properties.modelSeed();
        this.loader = loader;
        this.registry = registry;
        this.batchingEnabled = properties.dynamicBatching();
    }

    @Override
    public void afterPropertiesSet() {
        RepositorySeeder.seed(seed, root);
        if (!Files.isDirectory(root)) {
            log.warn("model repository {} does not exist; serving no models until it does", root.toAbsolutePath());
            return;
        }
        for (String name : modelFolders()) {
            sync(name, false);
        }
        log.info("model repository {}: {}", root.toAbsolutePath(), index());
    }

    /**
     * A version of a model for one request: the given version, or the newest served one when {@code version} is
     * null. Close the lease when the answer is complete.
     *
     * @throws ModelNotFoundException when the model or version is not served
     */
    public Lease acquire(String model, String version) {
        while (true) {
            ModelVersion v = resolve(model, version);
            if (v.tryAcquire()) {
                return new Lease(v);
            }
            // retired between lookup and acquire: the snapshot has been swapped, look again
        }
    }

    /** The version a request would get, without holding it (for metadata). */
    public ModelVersion resolve(String model, String version) {
        Served s = served.get(model);
        if (s == null) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        if (version == null || version.isEmpty()) {
            return s.versions().lastEntry().getValue();
        }
        ModelVersion v = null;
        try {
            v = s.versions().get(Long.parseLong(version));
        } catch (NumberFormatException e) {
            // not numeric: unknown like any other
        }
        if (v == null) {
            throw new ModelNotFoundException("unknown version '" + version + "' of model '" + model + "'");
        }
        return v;
    }

    /** Versions of a model being served, oldest first. */
    public List<Long> servedVersions(String model) {
        Served s = served.get(model);
        if (s == null) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        return List.copyOf(s.versions().keySet());
    }

    /** True when at least one model is served and every model found on disk has a served version. */
    public synchronized boolean allReady() {
        for (String name : modelFolders()) {
            if (!unloaded.contains(name) && !served.containsKey(name)) {
                return false;
            }
        }
        return true;
    }

    /** Every version on disk and every served version, with its state. */
    public synchronized List<IndexEntry> index() {
        Map<String, NavigableSet<Long>> all = new TreeMap<>();
        for (String name : modelFolders()) {
            all.put(name, new TreeSet<>(versionFolders(name).keySet()));
        }
        served.forEach((name, s) -> all.computeIfAbsent(name, n -> new TreeSet<>()).addAll(s.versions().keySet()));
        List<IndexEntry> out = new ArrayList<>();
        all.forEach((name, versions) -> {
            Served s = served.get(name);
            for (Long v : versions) {
                if (s != null && s.versions().containsKey(v)) {
                    out.add(new IndexEntry(name, v.toString(), "READY", ""));
                } else {
                    String reason = unloaded.contains(name) ? "unloaded"
                            : failures.getOrDefault(name, Map.of()).getOrDefault(v, "not selected by version policy");
                    out.add(new IndexEntry(name, v.toString(), "UNAVAILABLE", reason));
                }
            }
        });
        return out;
    }

    /**
     * Loads (or reloads) a model from disk now, and lifts an earlier unload.
     *
     * @param policy a version policy overriding model.json's, or null to keep the current one
     */
    public synchronized void load(String model, VersionPolicy policy) {
        if (!validName(model) || !Files.isDirectory(root.resolve(model))) {
            throw new ModelNotFoundException("no model folder '" + model + "' in the repository");
        }
        unloaded.remove(model);
        if (policy != null) {
            policyOverrides.put(model, policy);
        }
        sync(model, false);
        if (!served.containsKey(model)) {
            Map<Long, String> errors = failures.getOrDefault(model, Map.of());
            throw new ModelLoadException("failed to load '" + model + "': "
                    + (errors.isEmpty() ? "no version folder with a model.json" : errors), null);
        }
    }

    /** Stops serving a model; in-flight requests still get their answers. Polling leaves it unloaded. */
    public synchronized void unload(String model) {
        Served s = served.remove(model);
        if (s == null && (!validName(model) || !Files.isDirectory(root.resolve(model)))) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        unloaded.add(model);
        if (s != null) {
            s.versions().values().forEach(ModelVersion::retire);
            log.info("unloaded model {}", model);
        }
    }

    /** Picks up new, changed and removed versions and models on disk (called by the poller). */
    public synchronized void poll() {
        List<String> onDisk = Files.isDirectory(root) ? modelFolders() : List.of();
        for (String name : new ArrayList<>(served.keySet())) {
            if (!onDisk.contains(name)) {
                Served s = served.remove(name);
                if (s != null) {
                    s.versions().values().forEach(ModelVersion::retire);
                    log.info("model {} removed from the repository folder", name);
                }
            }
        }
        for (String name : onDisk) {
            if (!unloaded.contains(name)) {
                sync(name, true);
            }
        }
    }

    /**
     * Brings one model's served versions in line with its folder and version policy.
     *
     * @param requireStable only act on a folder that looked the same at the previous poll, so that a version
     *                      still being copied in is not loaded half-written
     */
    private void sync(String name, boolean requireStable) {
        Map<Long, Path> dirs = versionFolders(name);
        Map<Long, String> prints = new HashMap<>();
        dirs.forEach((v, dir) -> prints.put(v, fingerprint(dir)));
        Served current = served.get(name);
        if (requireStable) {
            Map<Long, String> previous = lastSeen.put(name, prints);
            if (!prints.equals(previous) || prints.equals(attempted.get(name))) {
                return; // still being written, or nothing changed since the last attempt
            }
        } else {
            lastSeen.put(name, prints);
        }
        attempted.put(name, prints);
        VersionPolicy policy = policy(name, dirs);
        NavigableSet<Long> wanted = policy.select(new TreeSet<>(dirs.keySet()));
        NavigableMap<Long, ModelVersion> next = new TreeMap<>();
        Map<Long, String> errors = new HashMap<>();
        for (Long v : wanted) {
            ModelVersion old = current == null ? null : current.versions().get(v);
            if (old != null && old.fingerprint().equals(prints.get(v))) {
                next.put(v, old);
                continue;
            }
            try {
                next.put(v, open(name, v, dirs.get(v), prints.get(v)));
                log.info("loaded model {} version {}", name, v);
            } catch (RuntimeException | IOException e) {
                log.warn("cannot load model {} version {}: {}", name, v, e.getMessage());
                errors.put(v, e.getMessage());
                if (old != null) {
                    next.put(v, old); // keep serving what worked
                }
            }
        }
        failures.put(name, errors);
        if (current != null && next.equals(current.versions())) {
            return;
        }
        if (next.isEmpty()) {
            served.remove(name);
        } else {
            served.put(name, new Served(Collections.unmodifiableNavigableMap(next)));
        }
        if (current != null) {
            for (ModelVersion old : current.versions().values()) {
                if (next.get(old.version()) != old) {
                    old.retire();
                }
            }
        }
    }

    private VersionPolicy policy(String name, Map<Long, Path> dirs) {
        VersionPolicy override = policyOverrides.get(name);
        if (override != null) {
            return override;
        }
        if (dirs.isEmpty()) {
            return VersionPolicy.DEFAULT;
        }
        Path newest = new TreeMap<>(dirs).lastEntry().getValue().resolve("model.json");
        try {
            VersionPolicy p = ModelConfigCodec.read(newest).versionPolicy();
            return p == null ? VersionPolicy.DEFAULT : p;
        } catch (IOException e) {
            return VersionPolicy.DEFAULT;
        }
    }

    private ModelVersion open(String name, long version, Path dir, String fingerprint) throws IOException {
        byte[] json = Files.readAllBytes(dir.resolve("model.json"));
        ModelConfig config = ModelConfigCodec.read(dir.resolve("model.json"));
        if (config.name() != null && !config.name().equals(name)) {
            log.warn("{}/{}/model.json names model '{}'; the folder name wins", name, version, config.name());
        }
        ModelRunner runner = loader.load(dir, config);
        BatchingSettings settings = new BatchingSettings(config.maxBatchSizeOrDefault(),
                config.maxQueueDelayMicrosOrDefault() * 1000, config.maxQueueSizeOrDefault(),
                batchingEnabled && config.dynamicBatchingOrDefault(), config.instanceCountOrDefault());
        ModelVersionMetrics metrics = new ModelVersionMetrics(registry, name, version);
        return new ModelVersion(name, version, config, json, fingerprint, runner, settings, metrics);
    }

    private List<String> modelFolders() {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(ModelRepository::validName)
                    .sorted().toList();
        } catch (IOException e) {
            log.warn("cannot list model repository {}: {}", root, e.getMessage());
            return List.of();
        }
    }

    private Map<Long, Path> versionFolders(String name) {
        Map<Long, Path> out = new TreeMap<>();
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(p -> {
                String n = p.getFileName().toString();
                if (n.matches("[0-9]{1,18}") && Files.isRegularFile(p.resolve("model.json"))) {
                    out.put(Long.parseLong(n), p);
                }
            });
        } catch (IOException e) {
            log.warn("cannot list {}: {}", dir, e.getMessage());
        }
        return out;
    }

    /** Names, sizes and modification times of a version folder's files: changes when anything is rewritten. */
    private static String fingerprint(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(dir.relativize(p)).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
            return sb.toString();
        } catch (IOException | UncheckedIOException e) {
            return "unreadable:" + e.getMessage(); // e.g. a file removed while listing: looked at again next poll
        }
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && !name.startsWith(".") && !name.contains("/") && !name.contains("\\")
                && !name.equals("..");
    }

    @Override
    public synchronized void destroy() {
        for (Served s : served.values()) {
            s.versions().values().forEach(ModelVersion::retire);
        }
        served.clear();
    }
}

package io.edgeai.inference.repository;

import io.edgeai.inference.batching.BatchingSettings;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.config.RepositoryProperties;
import io.edgeai.inference.metrics.ModelVersionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The Triton-like model repository's control plane: brings the {@link ServedVersions} in line with the
 * {@link RepositoryFolder} (start-up scan, folder polling, the repository API's load and unload) and reports every
 * version's state.
 *
 * <p>Changes are serialised: new versions are loaded first, then the model's snapshot is swapped in one step, then
 * the versions that left it are retired and closed when their last in-flight request is answered. A request therefore
 * never sees a half-loaded model and never loses the model under its feet.
 */
@Component
public class ModelRepository implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModelRepository.class);

    private final RepositoryFolder folder;
    private final Path seed;
    private final List<String> builtinModels;
    private final ModelLoader loader;
    private final MeterRegistry registry;
    private final boolean batchingEnabled;
    private final ServedVersions served;

    // control-plane state, guarded by this
    private final Set<String> unloaded = new HashSet<>();
    private final Map<String, VersionPolicy> policyOverrides = new HashMap<>();
    private final Map<String, Map<Long, String>> lastSeen = new HashMap<>();
    private final Map<String, Map<Long, String>> attempted = new HashMap<>();
    private final Map<String, Map<Long, String>> failures = new HashMap<>();

    public ModelRepository(RepositoryProperties properties, ModelLoader loader, MeterRegistry registry,
                           ServedVersions served) {
        this.folder = new RepositoryFolder(properties.modelRepository());
        this.seed = properties.modelSeed();
        this.builtinModels = properties.builtinModels();
        this.loader = loader;
        this.registry = registry;
        this.batchingEnabled = properties.dynamicBatching();
        this.served = served;
    }

    @Override
    public void afterPropertiesSet() {
        RepositorySeeder.seed(seed, folder.root());
        BuiltinModels.seed(builtinModels, folder.root());
        if (!folder.exists()) {
            log.warn("model repository {} does not exist; serving no models until it does",
                    folder.root().toAbsolutePath());
            return;
        }
        for (String name : folder.models()) {
            sync(name, false);
        }
        log.info("model repository {}: {}", folder.root().toAbsolutePath(), index());
    }

    /** True when at least one model is served and every model found on disk has a served version. */
    public synchronized boolean allReady() {
        for (String name : folder.models()) {
            if (!unloaded.contains(name) && served.snapshot(name) == null) {
                return false;
            }
        }
        return true;
    }

    /** Every version on disk and every served version, with its state. */
    public synchronized List<IndexEntry> index() {
        Map<String, NavigableSet<Long>> all = new TreeMap<>();
        for (String name : folder.models()) {
            all.put(name, new TreeSet<>(folder.versions(name).keySet()));
        }
        for (String name : served.models()) {
            all.computeIfAbsent(name, n -> new TreeSet<>()).addAll(served.versions(name));
        }
        List<IndexEntry> out = new ArrayList<>();
        all.forEach((name, versions) -> {
            NavigableMap<Long, ModelVersion> s = served.snapshot(name);
            for (Long v : versions) {
                if (s != null && s.containsKey(v)) {
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
        if (!folder.hasModel(model)) {
            throw new ModelNotFoundException("no model folder '" + model + "' in the repository");
        }
        unloaded.remove(model);
        if (policy != null) {
            policyOverrides.put(model, policy);
        }
        sync(model, false);
        if (served.snapshot(model) == null) {
            Map<Long, String> errors = failures.getOrDefault(model, Map.of());
            throw new ModelLoadException("failed to load '" + model + "': "
                    + (errors.isEmpty() ? "no version folder with a model.json" : errors), null);
        }
    }

    /** Stops serving a model; in-flight requests still get their answers. Polling leaves it unloaded. */
    public synchronized void unload(String model) {
        boolean wasServed = served.remove(model);
        if (!wasServed && !folder.hasModel(model)) {
            throw new ModelNotFoundException("unknown model '" + model + "'");
        }
        unloaded.add(model);
        if (wasServed) {
            log.info("unloaded model {}", model);
        }
    }

    /** Picks up new, changed and removed versions and models on disk (called by the poller). */
    public synchronized void poll() {
        List<String> onDisk = folder.exists() ? folder.models() : List.of();
        for (String name : served.models()) {
            if (!onDisk.contains(name) && served.remove(name)) {
                log.info("model {} removed from the repository folder", name);
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
        Map<Long, Path> dirs = folder.versions(name);
        Map<Long, String> prints = new HashMap<>();
        dirs.forEach((v, dir) -> prints.put(v, RepositoryFolder.fingerprint(dir)));
        NavigableMap<Long, ModelVersion> current = served.snapshot(name);
        if (requireStable) {
            Map<Long, String> previous = lastSeen.put(name, prints);
            if (!prints.equals(previous) || prints.equals(attempted.get(name))) {
                return; // still being written, or nothing changed since the last attempt
            }
        } else {
            lastSeen.put(name, prints);
        }
        attempted.put(name, prints);
        VersionPolicy override = policyOverrides.get(name);
        VersionPolicy policy = override != null ? override : RepositoryFolder.policyOf(dirs);
        NavigableSet<Long> wanted = policy.select(new TreeSet<>(dirs.keySet()));
        NavigableMap<Long, ModelVersion> next = new TreeMap<>();
        Map<Long, String> errors = new HashMap<>();
        for (Long v : wanted) {
            ModelVersion old = current == null ? null : current.get(v);
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
        if (current == null ? next.isEmpty() : next.equals(current)) {
            return;
        }
        served.replace(name, next);
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
}

package io.edgeai.inference.repository;

import io.edgeai.inference.config.RepositoryProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one version of a model the served one. The newest version on disk is served by the default policy (latest);
 * an older one (a rollback) is pinned through the repository's version-policy override, and the pin is kept in
 * {@code <repository>/.jobs/pins.json} so that it survives a restart.
 */
@Component
public class VersionPromoter implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(VersionPromoter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelRepository repository;
    private final ServedVersions served;
    private final Path pinsFile;

    public VersionPromoter(ModelRepository repository, ServedVersions served, RepositoryProperties properties) {
        this.repository = repository;
        this.served = served;
        this.pinsFile = properties.modelRepository().resolve(".jobs").resolve("pins.json");
    }

    @Override
    public void afterPropertiesSet() {
        pins().forEach((model, version) -> {
            try {
                repository.load(model, pinned(version));
                log.info("model {} pinned to version {} (promoted earlier)", model, version);
            } catch (RuntimeException e) {
                log.warn("cannot re-apply the pin of model {} to version {}: {}", model, version, e.getMessage());
            }
        });
    }

    /**
     * Serves {@code version} of {@code model} (and only it).
     *
     * @return the served versions afterwards
     * @throws ModelNotFoundException when the version is not on disk
     */
    public synchronized List<Long> promote(String model, long version) {
        List<Long> onDisk = repository.index().stream().filter(e -> e.name().equals(model))
                .map(IndexEntry::version).map(Long::parseLong).sorted().toList();
        if (!onDisk.contains(version)) {
            throw new ModelNotFoundException("model '" + model + "' has no version " + version + " on disk"
                    + (onDisk.isEmpty() ? "" : "; versions: " + onDisk));
        }
        Map<String, Long> pins = pins();
        boolean newest = version == onDisk.get(onDisk.size() - 1);
        repository.load(model, newest ? VersionPolicy.DEFAULT : pinned(version));
        if (newest) {
            pins.remove(model);
        } else {
            pins.put(model, version);
        }
        savePins(pins);
        log.info("model {}: version {} promoted ({})", model, version, newest ? "newest, latest policy" : "pinned");
        return served.versions(model);
    }

    private static VersionPolicy pinned(long version) {
        return new VersionPolicy(null, new VersionPolicy.Specific(List.of(version)), null);
    }

    private Map<String, Long> pins() {
        if (!Files.isRegularFile(pinsFile)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(Files.readAllBytes(pinsFile),
                    new TypeReference<Map<String, Long>>() { }));
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring unreadable {}: {}", pinsFile, e.getMessage());
            return new TreeMap<>();
        }
    }

    private void savePins(Map<String, Long> pins) {
        try {
            Files.createDirectories(pinsFile.getParent());
            Files.write(pinsFile, JSON.writeValueAsBytes(pins));
        } catch (IOException e) {
            log.warn("cannot persist pins: {}", e.getMessage());
        }
    }
}

package io.edgeai.inference.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository folder as it is on disk: {@code <root>/<model>/<version>/model.json} plus weights. Lists models and
 * their numeric version folders (hidden names are ignored, so a version written under one and renamed is seen
 * whole) and fingerprints a version folder so that a change, or a copy still in progress, can be noticed.
 */
final class RepositoryFolder {

    private static final Logger log = LoggerFactory.getLogger(RepositoryFolder.class);

    private final Path root;

    RepositoryFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    boolean exists() {
        return Files.isDirectory(root);
    }

    /** True when {@code name} is a model folder name (not hidden, no path) and the folder exists. */
    boolean hasModel(String name) {
        return validName(name) && Files.isDirectory(root.resolve(name));
    }

    /** Model folder names, sorted; none when the root cannot be listed. */
    List<String> models() {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(RepositoryFolder::validName).sorted().toList();
        } catch (IOException e) {
            log.warn("cannot list model repository {}: {}", root, e.getMessage());
            return List.of();
        }
    }

    /** The model's numeric version folders that hold a model.json, by version. */
    Map<Long, Path> versions(String name) {
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

    /**
     * The version policy of a model: the one in its newest version's model.json, latest-1 when that has none or
     * cannot be read.
     */
    static VersionPolicy policyOf(Map<Long, Path> versions) {
        if (versions.isEmpty()) {
            return VersionPolicy.DEFAULT;
        }
        Path newest = new TreeMap<>(versions).lastEntry().getValue().resolve("model.json");
        try {
            VersionPolicy p = ModelConfigCodec.read(newest).versionPolicy();
            return p == null ? VersionPolicy.DEFAULT : p;
        } catch (IOException e) {
            return VersionPolicy.DEFAULT;
        }
    }

    /** Names, sizes and modification times of a version folder's files: changes when anything is rewritten. */
    static String fingerprint(Path dir) {
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
}

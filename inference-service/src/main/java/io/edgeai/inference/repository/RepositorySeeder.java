package io.edgeai.inference.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a model repository from a seed folder: every {@code <model>/<version>} of the seed that the repository
 * lacks is copied in (under a hidden name, then renamed, so the poller never sees half a version; safe when replicas
 * share the repository: {@link VersionStaging}). Nothing in the
 * repository is ever overwritten, so versions trained on site survive restarts and upgrades; a seed version deleted
 * from the repository comes back at the next start (unload it instead to stop serving it).
 */
final class RepositorySeeder {

    private static final Logger log = LoggerFactory.getLogger(RepositorySeeder.class);

    private RepositorySeeder() {
    }

    static void seed(Path seed, Path repository) {
        if (seed == null || !Files.isDirectory(seed)) {
            return;
        }
        try {
            Files.createDirectories(repository);
            for (Path model : list(seed)) {
                for (Path version : list(model)) {
                    Path target = repository.resolve(model.getFileName().toString())
                            .resolve(version.getFileName().toString());
                    if (Files.exists(target) || version.getFileName().toString().startsWith(".")) {
                        continue;
                    }
                    if (VersionStaging.publish(target, staging -> copyTree(version, staging))) {
                        log.info("seeded model {} version {} from {}", model.getFileName(), version.getFileName(),
                                seed);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot seed model repository " + repository + " from " + seed, e);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

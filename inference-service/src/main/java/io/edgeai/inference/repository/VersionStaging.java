package io.edgeai.inference.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a version folder that appears whole or not at all, also when several inference replicas share one
 * repository and seed it at the same start: each writer fills a hidden staging folder of its own
 * ({@code .<version>.seeding-<random>}) and renames it into place; a writer that finds the version already placed by
 * another drops its copy. {@link RepositorySeeder} and {@link BuiltinModels} write through it.
 */
final class VersionStaging {

    /** Fills a folder with a version's files. */
    interface Filler {
        void fill(Path folder) throws IOException;
    }

    private VersionStaging() {
    }

    /** Places the version at {@code target}; false when another writer placed it first. */
    static boolean publish(Path target, Filler filler) throws IOException {
        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling("." + target.getFileName() + ".seeding-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            filler.fill(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                return false; // another replica renamed its complete copy into place first
            }
            throw e;
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

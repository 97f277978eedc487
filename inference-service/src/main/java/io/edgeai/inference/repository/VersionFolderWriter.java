package io.edgeai.inference.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Writes a trained {@code djl} version as a numeric version folder of a model: assembled under a hidden name and
 * renamed into place in one step, so the repository (and a running server) never sees half a version.
 */
public final class VersionFolderWriter {

    private VersionFolderWriter() {
    }

    /** Writes the model's next free version and returns its number. */
    public static long write(Path repository, String model, LongFunction<ModelConfig> config, byte[] parameters)
            throws IOException {
        return write(repository, model, null, config, parameters);
    }

    /**
     * Writes {@code version} (the next free one when null) and returns its number; writes in this process are
     * serialised, so two runs never pick the same number.
     *
     * @throws IOException when the version folder already exists, or on any write error (nothing is left behind)
     */
    public static long write(Path repository, String model, Long version, LongFunction<ModelConfig> config,
                             byte[] parameters) throws IOException {
        return write(repository, model, version, config, java.util.Map.of(ModelLoader.DJL_WEIGHTS, parameters));
    }

    /**
     * Writes {@code version} (the next free one when null) with these weight files (name to bytes) beside its
     * model.json, and returns its number.
     */
    public static synchronized long write(Path repository, String model, Long version,
                                          LongFunction<ModelConfig> config, java.util.Map<String, byte[]> files)
            throws IOException {
        Path modelDir = Files.createDirectories(repository.resolve(model));
        long v = version != null ? version : nextVersion(modelDir);
        Path target = modelDir.resolve(Long.toString(v));
        if (Files.exists(target)) {
            throw new IOException("version folder " + target + " already exists");
        }
        Path tmp = Files.createTempDirectory(modelDir, ".incoming-" + v + "-");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // temp folders are owner-only; a server running as another user must be able to read the version
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            ModelConfigCodec.write(config.apply(v), tmp.resolve("model.json"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            throw e;
        }
        return v;
    }

    static long nextVersion(Path modelDir) throws IOException {
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,18}"))
                    .mapToLong(Long::parseLong).max().orElse(0) + 1;
        }
    }
}

package io.edgeai.inference.csvtrain;

import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Writes a trained {@code djl} version as the model's next numeric version folder: assembled under a hidden name and
 * renamed into place, so the repository never sees half a version.
 */
public final class VersionFolderWriter {

    private VersionFolderWriter() {
    }

    /** Writes the version and returns its number. Callers serialise writes of one model. */
    public static synchronized long write(Path repository, String model, LongFunction<ModelConfig> config,
                                          byte[] parameters) throws IOException {
        Path modelDir = Files.createDirectories(repository.resolve(model));
        long version = nextVersion(modelDir);
        Path tmp = Files.createTempDirectory(modelDir, ".incoming-" + version + "-");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.write(tmp.resolve(ModelLoader.DJL_WEIGHTS), parameters);
            ModelConfigCodec.write(config.apply(version), tmp.resolve("model.json"));
            Files.move(tmp, modelDir.resolve(Long.toString(version)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            throw e;
        }
        return version;
    }

    static long nextVersion(Path modelDir) throws IOException {
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,18}"))
                    .mapToLong(Long::parseLong).max().orElse(0) + 1;
        }
    }
}

package io.edgeai.inference.training;

import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.TensorSpec;
import io.edgeai.inference.repository.VersionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a trained model as the next numeric version of a model in the repository. The folder is assembled under a
 * hidden name and renamed into place in one step, so a running server never sees half a version.
 */
public final class ModelVersionWriter {

    /** Name of the model's input tensor: one normalised feature row per reading. */
    public static final String INPUT = "features";
    /** Name of the model's output tensor: one probability per label. */
    public static final String OUTPUT = "probabilities";

    private ModelVersionWriter() {
    }

    /** The model.json of a trained version. */
    public static ModelConfig config(String model, long version, TrainedModel trained) {
        int width = trained.architecture().inputSize();
        return new ModelConfig(model, version, ModelConfig.PLATFORM_DJL,
                "Machine failure and its five failure modes (TWF, HDF, PWF, OSF, RNF) from one AI4I-style reading; "
                        + "multi-label MLP trained with DJL, sigmoid outputs.",
                List.of(new TensorSpec(INPUT, "FP32", List.of(-1L, (long) width))),
                List.of(new TensorSpec(OUTPUT, "FP32", List.of(-1L, (long) Ai4iData.LABELS.size()))),
                Ai4iData.LABELS, trained.featureSpec(), trained.thresholds(), 64, 250L, 1024, null, null,
                VersionPolicy.DEFAULT, trained.architecture(), ModelLoader.DJL_WEIGHTS,
                ModelConfigCodec.mapper().valueToTree(trained.evaluation()));
    }

    /**
     * Writes {@code trained} as {@code version}, or as the next free version when null.
     *
     * @return the version folder
     */
    public static Path write(Path repository, String model, Long version, TrainedModel trained) throws IOException {
        Path modelDir = repository.resolve(model);
        Files.createDirectories(modelDir);
        long v = version != null ? version : nextVersion(modelDir);
        Path target = modelDir.resolve(Long.toString(v));
        if (Files.exists(target)) {
            throw new IOException("version folder " + target + " already exists");
        }
        Path tmp = Files.createTempDirectory(modelDir, ".incoming-" + v + "-");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // temp folders are owner-only; a server running as another user must be able to read the version
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.write(tmp.resolve(ModelLoader.DJL_WEIGHTS), trained.parameters());
            ModelConfigCodec.write(config(model, v, trained), tmp.resolve("model.json"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            throw e;
        }
        return target;
    }

    static long nextVersion(Path modelDir) throws IOException {
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{1,18}"))
                    .mapToLong(Long::parseLong).max().orElse(0) + 1;
        }
    }
}

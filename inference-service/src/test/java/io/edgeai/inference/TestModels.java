package io.edgeai.inference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.VersionPolicy;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Small model versions written on the fly, so tests do not depend on a trained model. */
public final class TestModels {

    public static final int WIDTH = 4;
    public static final int CLASSES = 3;

    private TestModels() {
    }

    /** A fresh repository folder under target/. */
    public static Path newRepository(String name) {
        try {
            Path dir = Path.of("target", "test-repositories");
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 4-8-3 sigmoid MLP with weights seeded by {@code version}, input "x" and output "y". */
    public static Path tinyMlp(Path repository, String model, long version, int maxBatchSize, long delayMicros,
                               int queueSize, VersionPolicy policy) {
        MlpArchitecture arch = new MlpArchitecture("mlp", WIDTH, List.of(8), "relu", null, CLASSES, "sigmoid", null);
        ModelConfig config = new ModelConfig(model, version, ModelConfig.PLATFORM_DJL, "test model",
                List.of(new TensorSpec("x", "FP32", List.of(-1L, (long) WIDTH))),
                List.of(new TensorSpec("y", "FP32", List.of(-1L, (long) CLASSES))),
                List.of("a", "b", "c"), null, null, maxBatchSize, delayMicros, queueSize, null, null, policy, arch,
                null, null);
        try {
            Path tmp = Files.createTempDirectory(Files.createDirectories(repository.resolve(model)), ".tmp-");
            Engine.getEngine("PyTorch").setRandomSeed((int) version);
            Block block = arch.newBlock();
            try (NDManager manager = NDManager.newBaseManager("PyTorch");
                 OutputStream out = Files.newOutputStream(tmp.resolve(ModelLoader.DJL_WEIGHTS))) {
                block.initialize(manager, DataType.FLOAT32, new Shape(1, WIDTH));
                block.saveParameters(new DataOutputStream(out));
            }
            ModelConfigCodec.write(config, tmp.resolve("model.json"));
            Path target = repository.resolve(model).resolve(Long.toString(version));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tinyMlp(Path repository, String model, long version) {
        return tinyMlp(repository, model, version, 16, 2000, 256, null);
    }
}

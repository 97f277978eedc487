package io.edgeai.inference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.training.core.TreeTrainer;
import io.edgeai.inference.training.core.TreeVersionConfig;
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

    /**
     * Gradient-boosted trees (platform xgboost) on four sensors a..d plus the derived a x b, three labels: "a_high"
     * (a > 0.5), "product" (a x b > 0.3) and "noise"; trained here on seeded synthetic rows.
     */
    public static Path tinyTrees(Path repository, String model, long version) {
        FeatureSpec spec = new FeatureSpec(
                List.of(new FeatureSpec.SensorSpec("a", "mm", 0, 1, null), new FeatureSpec.SensorSpec("b", "mm", 0, 1, null),
                        new FeatureSpec.SensorSpec("c", "K", 0, 1, null), new FeatureSpec.SensorSpec("d", "K", 0, 1, null)),
                null, List.of(new FeatureSpec.DerivedFeature("ab", "product", List.of("a", "b"), null)), null, null);
        java.util.Random random = new java.util.Random(version);
        int n = 1200;
        FeatureEncoder raw = new FeatureEncoder(spec);
        List<double[]> rows = new java.util.ArrayList<>();
        int[][] y = new int[n][];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            rows.add(raw.raw(java.util.Map.of("a", a, "b", b, "c", random.nextDouble(), "d", random.nextDouble()),
                    null, null));
            y[i] = new int[] {a > 0.5 ? 1 : 0, a * b > 0.3 ? 1 : 0, random.nextDouble() < 0.1 ? 1 : 0};
        }
        FeatureSpec fitted = spec.withNormalization(raw.fit(rows));
        FeatureEncoder encoder = new FeatureEncoder(fitted);
        float[][] x = rows.stream().map(encoder::normalize).toArray(float[][]::new);
        List<Integer> train = java.util.stream.IntStream.range(0, 900).boxed().toList();
        List<Integer> validation = java.util.stream.IntStream.range(900, n).boxed().toList();
        TreeTrainer.Result trees = TreeTrainer.train(x, y, train, validation,
                TreeTrainer.Settings.defaults(version, null).withDepth(3, 0.3), () -> false);
        try {
            VersionFolderWriter.write(repository, model, version, v -> TreeVersionConfig.of(model, v, "test trees",
                    trees.spec(), fitted.featureCount(), List.of("a_high", "product", "noise"), fitted, null, null),
                    trees.files());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repository.resolve(model).resolve(Long.toString(version));
    }

    public static Path tinyMlp(Path repository, String model, long version) {
        return tinyMlp(repository, model, version, 16, 2000, 256, null);
    }
}

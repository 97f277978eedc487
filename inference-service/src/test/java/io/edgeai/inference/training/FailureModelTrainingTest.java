package io.edgeai.inference.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.inference.TestModels;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.training.core.BinaryMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retrains ai4i-failure from the shared AI4I CSV (skipped when absent) with a short budget and checks the test-split
 * metrics, then that the written version loads and answers like the trainer measured.
 */
class FailureModelTrainingTest {

    static Path csv() {
        String shared = System.getProperty("edge.shared.dir");
        Path csv = shared == null ? null : Path.of(shared, "data", "ai4i2020", "ai4i2020.csv");
        assumeTrue(csv != null && Files.isRegularFile(csv), "AI4I CSV not available; skipping retraining");
        return csv;
    }

    @Test
    void retrainsFromTheCsvAndWritesAServableVersion() throws Exception {
        Ai4iData data = Ai4iData.read(csv());
        assertThat(data.rows()).hasSize(10_000);
        // a short run of a two-member ensemble (the committed version: five members, up to 400 epochs each), so the
        // written version also exercises the ensemble's save and load; bounds are looser than the shipped model's
        TrainedModel trained = new FailureModelTrainer(TrainingOptions.defaults().withMaxEpochs(25, 25).withEnsemble(2))
                .train(data);
        assertThat(trained.architecture().members()).isEqualTo(2);
        assertThat(report(trained).validationPerClass()).containsKey("machine_failure");

        EvaluationReport report = trained.evaluation();
        assertThat(report.split()).isEqualTo("test");
        assertThat(report.data().sha256()).hasSize(64);
        assertThat(report.data().trainRows() + report.data().validationRows() + report.data().testRows())
                .isEqualTo(10_000);
        assertThat(report.perClass().keySet()).containsExactlyElementsOf(Ai4iData.LABELS);
        BinaryMetrics failure = report.perClass().get("machine_failure");
        assertThat(failure.rocAuc()).isGreaterThan(0.94);
        assertThat(failure.f1()).isGreaterThan(0.7);
        // the rule-shaped features make the three predictable modes near-separable
        assertThat(report.perClass().get("HDF").rocAuc()).isGreaterThan(0.98);
        assertThat(report.perClass().get("PWF").rocAuc()).isGreaterThan(0.98);
        assertThat(report.perClass().get("OSF").rocAuc()).isGreaterThan(0.98);
        assertThat(trained.thresholds().keySet()).containsExactlyElementsOf(Ai4iData.LABELS);
        trained.thresholds().values().forEach(t -> assertThat(t.low()).isLessThan(t.high()));

        Path repo = TestModels.newRepository("training");
        long version = VersionFolderWriter.write(repo, "ai4i-failure", null, v -> trained.config("ai4i-failure", v),
                trained.files());
        assertThat(version).isEqualTo(1);
        Path dir = repo.resolve("ai4i-failure").resolve("1");
        ModelConfig config = ModelConfigCodec.read(dir.resolve("model.json"));
        assertThat(config.labels()).containsExactly("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF");
        assertThat(config.featureSpec().normalization()).isNotNull();

        // a heat-dissipation failure: process-air difference under 8.6 K at under 1380 rpm
        FeatureEncoder encoder = new FeatureEncoder(config.featureSpec());
        float[] hdf = encoder.encode(Map.of("air_temperature", 302.0, "process_temperature", 310.4,
                "rotational_speed", 1290.0, "torque", 62.0, "tool_wear", 90.0), Map.of("machine_type", "L"), null);
        float[] healthy = encoder.encode(Map.of("air_temperature", 298.0, "process_temperature", 308.5,
                "rotational_speed", 1550.0, "torque", 40.0, "tool_wear", 20.0), Map.of("machine_type", "M"), null);
        float[] rows = new float[hdf.length * 2];
        System.arraycopy(hdf, 0, rows, 0, hdf.length);
        System.arraycopy(healthy, 0, rows, hdf.length, hdf.length);
        try (ModelRunner runner = new ModelLoader().load(dir, config)) {
            float[] p = (float[]) runner.run(List.of(new Tensor(Datatype.FP32, new long[] {2, hdf.length}, rows)))
                    .get(0).data();
            assertThat(p[0]).isGreaterThan((float) config.thresholds().get("machine_failure").high());
            assertThat(p[2]).isGreaterThan((float) config.thresholds().get("HDF").high());
            assertThat(p[6]).isLessThan((float) config.thresholds().get("machine_failure").low());
        }
    }

    private static EvaluationReport report(TrainedModel trained) {
        return trained.evaluation();
    }

    @Test
    void splitIsStratifiedAndReproducible() throws Exception {
        Ai4iData data = Ai4iData.read(csv());
        var a = FailureModelTrainer.stratifiedSplit(data.rows(), 42);
        var b = FailureModelTrainer.stratifiedSplit(data.rows(), 42);
        assertThat(a).isEqualTo(b);
        for (List<Integer> part : List.of(a.train(), a.validation(), a.test())) {
            double rate = part.stream().filter(i -> data.rows().get(i).labels()[0] == 1).count() / (double) part.size();
            assertThat(rate).isBetween(0.030, 0.038); // 3.39% in the whole file
        }
    }
}

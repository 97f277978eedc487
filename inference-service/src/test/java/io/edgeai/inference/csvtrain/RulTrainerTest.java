package io.edgeai.inference.csvtrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.model.Regression;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.compute.XgboostRunner;
import io.edgeai.inference.repository.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A RUL model trained on made-up run-to-failure engines beats the mean-RUL baseline and serves an interval. */
class RulTrainerTest {

    @Test
    @SuppressWarnings("unchecked")
    void rulModelBeatsTheMeanBaselineOnHeldOutEnginesAndServesAnInterval() throws Exception {
        Path csv = Files.createTempFile("rul", ".csv");
        Files.writeString(csv, RunToFailureCsv.engines(40, 7));
        ColumnMapping mapping = CsvTrainController.mapping(RunToFailureCsv.mapping());
        CsvTable table = CsvTable.read(csv, "engines.csv", mapping, 50);
        Files.delete(csv);

        RulTrainer.Trained trained = RulTrainer.train("engines", table, mapping);

        Map<String, Object> test = (Map<String, Object>) trained.report().get("test");
        Map<String, Object> baseline = (Map<String, Object>) trained.report().get("baseline");
        Map<String, Object> window = (Map<String, Object>) trained.report().get("window");
        System.out.println("RUL report: window " + window + "\n test " + test + "\n baseline " + baseline);
        assertThat((double) test.get("rmse")).isLessThan(0.5 * (double) baseline.get("rmse"));
        assertThat((double) test.get("mae")).isLessThan((double) baseline.get("mae"));
        assertThat((double) test.get("phm08_score")).isLessThan((double) baseline.get("phm08_score"));
        assertThat((double) test.get("interval_coverage")).isBetween(0.7, 1.0);
        assertThat((Map<String, Double>) window.get("validation_rmse_by_size")).containsOnlyKeys("5", "10", "20");

        ModelConfig config = trained.config().apply(1);
        assertThat(config.labels()).isEqualTo(Regression.LABELS);
        assertThat(config.regression().alert().below()).isEqualTo(30);
        assertThat(config.featureSpec().window().size()).isEqualTo((Integer) window.get("chosen_size"));
        try (XgboostRunner runner = XgboostRunner.load(List.of(trained.files().values().iterator().next()),
                config.featureSpec().featureCount(), config.regression())) {
            float[] row = new float[config.featureSpec().featureCount()];
            Tensor out = runner.run(List.of(new Tensor(Datatype.FP32, new long[] {1, row.length}, row))).get(0);
            float[] v = (float[]) out.data();
            assertThat(v).hasSize(3);
            assertThat(v[1]).isLessThanOrEqualTo(v[0]);
            assertThat(v[2]).isGreaterThanOrEqualTo(v[0]);
            assertThat(v[2]).isLessThanOrEqualTo(125f);
        }
    }
}

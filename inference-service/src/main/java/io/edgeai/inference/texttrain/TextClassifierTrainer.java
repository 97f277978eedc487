package io.edgeai.inference.texttrain;

import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.compute.TextEmbedder;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.VersionPolicy;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.SiteEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Trains a text classifier from labelled notes: every note is embedded once by the served sentence encoder, then two
 * heads are trained on the vectors with the service's training core (a logistic regression and a one-hidden-layer
 * MLP, softmax over the classes, class-weighted cross-entropy, early stopping on validation), the head with the
 * better validation macro F1 is kept (a tie keeps the logistic regression), and the report is measured on the
 * held-out test split. The version serves text in (the head chained after the encoder it names), class
 * probabilities and the most probable class out.
 */
public final class TextClassifierTrainer {

    /** Input of a text classifier: one note per row. */
    public static final String INPUT = "text";
    /** Outputs: class probabilities, and the most probable class. */
    public static final String PROBABILITIES = "probabilities";
    public static final String LABEL = "label";
    private static final int EMBED_CHUNK = 64;

    private TextClassifierTrainer() {
    }

    /**
     * The encoder a classifier is trained with.
     *
     * @param model     served encoder model
     * @param version   its version (pinned in the classifier's model.json)
     * @param maxTokens its token limit, for the report
     * @param embedder  the served encoder
     */
    public record Encoder(String model, long version, Integer maxTokens, TextEmbedder embedder) {
    }

    /** A trained classifier ready to be written: model.json for any version number, the head's weights, the report. */
    public record Trained(LongFunction<ModelConfig> config, byte[] parameters, TextEvaluation evaluation) {
    }

    public static Trained train(String model, TextTable table, TextTrainingOptions options, Encoder encoder) {
        long started = System.nanoTime();
        long seed = options.seedOrDefault();
        List<String> classes = table.classes();
        int k = classes.size();
        int n = table.texts().size();

        long embedStart = System.nanoTime();
        float[][] x = new float[n][];
        int truncated = 0;
        for (int from = 0; from < n; from += EMBED_CHUNK) {
            int to = Math.min(n, from + EMBED_CHUNK);
            TextEmbedder.Embeddings e = encoder.embedder().embed(table.texts().subList(from, to).toArray(String[]::new));
            float[] v = (float[]) e.vectors().data();
            int dims = e.vectors().rowWidth();
            for (int i = from; i < to; i++) {
                x[i] = Arrays.copyOfRange(v, (i - from) * dims, (i - from + 1) * dims);
                truncated += e.truncated()[i - from] ? 1 : 0;
            }
        }
        double embedSeconds = MlpTrainer.secondsSince(embedStart);
        int dims = x[0].length;

        int[][] y = new int[n][k];
        List<int[]> oneHot = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            y[i][table.y()[i]] = 1;
            oneHot.add(y[i]);
        }
        DataSplit split = DataSplit.stratified(oneHot, seed);
        float[] weights = classWeights(table.y(), split.train(), k);

        List<Run> runs = new ArrayList<>();
        double lr = options.learningRate() == null ? 0.01 : options.learningRate();
        runs.add(run("logistic_regression", new MlpArchitecture("mlp", dims, List.of(), "relu", null, k, "softmax",
                null), lr, x, y, table, split, weights, options));
        double mlpLr = options.learningRate() == null ? 0.003 : options.learningRate();
        runs.add(run("mlp", new MlpArchitecture("mlp", dims, options.hiddenUnitsOrDefault(), "relu", 0.2, k, "softmax",
                null), mlpLr, x, y, table, split, weights, options));
        Run best = runs.get(0);
        for (Run r : runs) {
            if (r.validation.macroF1() > best.validation.macroF1() + 1e-9) {
                best = r;
            }
        }

        float[][] testScores = MlpTrainer.predict(best.architecture, best.result.parameters(), x, split.test());
        MulticlassMetrics test = MulticlassMetrics.of(classes, testScores, table.y(), split.test());
        Map<String, Integer> testRows = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            int cc = c;
            testRows.put(classes.get(c), (int) split.test().stream().filter(i -> table.y()[i] == cc).count());
        }
        Map<String, Double> weightReport = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            weightReport.put(classes.get(c), Math.round(weights[c] * 1000) / 1000.0);
        }
        TextEvaluation evaluation = new TextEvaluation("test",
                new SiteEvaluation.Data(table.source(), table.sha256(), n, split.train().size(),
                        split.validation().size(), split.test().size(), split.method(), testRows,
                        Map.of(INPUT, options.textColumn(), LABEL, options.labelColumn()), null),
                new TextEvaluation.Encoder(encoder.model(), encoder.version(), encoder.maxTokens(), truncated,
                        embedSeconds),
                new TextEvaluation.Head(best.name, runs.stream().map(Run::candidate).toList()),
                new SiteEvaluation.Training(seed, null, best.result.epochs(), best.result.bestEpoch(),
                        Math.round(best.result.bestValidationLoss() * 1e6) / 1e6, weightReport,
                        MlpTrainer.secondsSince(started), MlpTrainer.engineDescription()),
                test.accuracy(), test.macroF1(), test.perClass(), test.confusion(), classes,
                new SiteEvaluation.Gate("macro F1", test.macroF1()));
        MlpArchitecture architecture = best.architecture;
        String description = "Trained on site from " + table.source() + ": " + k + " classes of column '"
                + options.labelColumn() + "' from the text of column '" + options.textColumn() + "', embedded by "
                + encoder.model() + " version " + encoder.version() + "; " + best.name.replace('_', ' ')
                + " head trained with DJL.";
        ModelConfig.EncoderReference reference = new ModelConfig.EncoderReference(encoder.model(), encoder.version());
        return new Trained(v -> new ModelConfig(model, v, ModelConfig.PLATFORM_DJL, description,
                List.of(new TensorSpec(INPUT, "BYTES", List.of(-1L))),
                List.of(new TensorSpec(PROBABILITIES, "FP32", List.of(-1L, (long) k)),
                        new TensorSpec(LABEL, "BYTES", List.of(-1L))),
                classes, null, null, 32, 2000L, 1024, null, null, VersionPolicy.DEFAULT, architecture,
                ModelLoader.DJL_WEIGHTS, ModelConfigCodec.mapper().valueToTree(evaluation), null, reference),
                best.result.parameters(), evaluation);
    }

    private record Run(String name, MlpArchitecture architecture, MlpTrainer.Result result,
                       MulticlassMetrics validation) {

        TextEvaluation.Candidate candidate() {
            return new TextEvaluation.Candidate(name, architecture.hiddenUnits(), validation.macroF1(),
                    validation.accuracy(), result.epochs(), result.bestEpoch());
        }
    }

    private static Run run(String name, MlpArchitecture architecture, double learningRate, float[][] x, int[][] y,
                           TextTable table, DataSplit split, float[] weights, TextTrainingOptions options) {
        int epochs = options.epochsOrDefault();
        MlpTrainer.Result result = MlpTrainer.train(architecture, null, x, y, split.train(), split.validation(),
                new MlpTrainer.Settings(epochs, Math.max(10, Math.min(25, epochs / 4)), 32, (float) learningRate,
                        options.seedOrDefault(), weights, new SoftmaxCrossEntropy()),
                new MlpTrainer.Listener() {
                    @Override
                    public void epoch(int epoch, double trainingLoss, double validationScore, float[][] scores) {
                    }

                    @Override
                    public boolean cancelled() {
                        return Thread.currentThread().isInterrupted();
                    }
                });
        float[][] scores = MlpTrainer.predict(architecture, result.parameters(), x, split.validation());
        return new Run(name, architecture, result, MulticlassMetrics.of(table.classes(), scores, table.y(),
                split.validation()));
    }

    /** sqrt(n / (k n_c)) on the training rows, in [0.5, 3]: rare failure modes weigh more, not overwhelmingly. */
    private static float[] classWeights(int[] y, List<Integer> train, int k) {
        int[] counts = new int[k];
        train.forEach(i -> counts[y[i]]++);
        float[] w = new float[k];
        for (int c = 0; c < k; c++) {
            double ratio = counts[c] == 0 ? 1 : (double) train.size() / (k * counts[c]);
            w[c] = (float) Math.min(3, Math.max(0.5, Math.sqrt(ratio)));
        }
        return w;
    }
}

package io.edgeai.inference.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.MlpArchitecture;
import io.edgeai.inference.repository.Threshold;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the {@code ai4i-failure} multi-label MLP with DJL: machine failure and its five modes as six sigmoid
 * outputs. Rows become model inputs through {@link FeatureEncoder} (the code preprocessing-service runs on live
 * readings); the split is stratified and seeded; rare classes get weighted positives; the weights of the epoch with
 * the lowest validation loss are kept; thresholds are chosen on validation; the report is measured on test only.
 */
public final class FailureModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(FailureModelTrainer.class);
    private static final double TRAIN = 0.70;
    private static final double VALIDATION = 0.15;
    /** Below this validation F1 a label's threshold is not lowered under 0.5. */
    private static final double UNPREDICTABLE_F1 = 0.3;
    /** machine_failure, HDF, PWF, OSF: see {@link #lossOf}. */
    private static final int[] SELECTION_COLUMNS = {0, 2, 3, 4};

    private final TrainingOptions options;

    public FailureModelTrainer(TrainingOptions options) {
        this.options = options;
    }

    /** Indices of the train, validation and test rows. */
    public record Split(List<Integer> train, List<Integer> validation, List<Integer> test) {
    }

    /**
     * Splits every group of rows with the same label combination 70/15/15, so that each failure mode keeps its
     * share in every split.
     */
    public static Split stratifiedSplit(List<Ai4iData.Row> rows, long seed) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            groups.computeIfAbsent(java.util.Arrays.toString(rows.get(i).labels()), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            Collections.shuffle(group, random);
            int n = group.size();
            int nTrain = (int) Math.round(n * TRAIN);
            int nValidation = (int) Math.round(n * VALIDATION);
            if (n >= 3) { // a rare combination still reaches every split
                nTrain = Math.min(nTrain, n - 2);
                nValidation = Math.max(1, Math.min(nValidation, n - nTrain - 1));
            }
            train.addAll(group.subList(0, nTrain));
            validation.addAll(group.subList(nTrain, Math.min(n, nTrain + nValidation)));
            test.addAll(group.subList(Math.min(n, nTrain + nValidation), n));
        }
        Collections.shuffle(train, random);
        return new Split(train, validation, test);
    }

    public TrainedModel train(Ai4iData data) {
        long started = System.nanoTime();
        List<String> labels = Ai4iData.LABELS;
        int classes = labels.size();
        Split split = stratifiedSplit(data.rows(), options.seed());

        FeatureSpec spec = Ai4iFeatures.spec();
        FeatureEncoder rawEncoder = new FeatureEncoder(spec);
        List<double[]> raw = new ArrayList<>(data.rows().size());
        for (Ai4iData.Row row : data.rows()) {
            raw.add(rawEncoder.raw(row.sensors(), Map.of("machine_type", row.machineType()), null));
        }
        List<double[]> trainRaw = split.train().stream().map(raw::get).toList();
        FeatureSpec fitted = spec.withNormalization(rawEncoder.fit(trainRaw));
        FeatureEncoder encoder = new FeatureEncoder(fitted);
        int width = fitted.featureCount();
        float[][] x = new float[data.rows().size()][];
        for (int i = 0; i < x.length; i++) {
            Ai4iData.Row row = data.rows().get(i);
            x[i] = encoder.encode(row.sensors(), Map.of("machine_type", row.machineType()), null);
        }

        float[] positiveWeights = new float[classes];
        Map<String, Double> weightReport = new LinkedHashMap<>();
        for (int k = 0; k < classes; k++) {
            int kk = k;
            long pos = split.train().stream().filter(i -> data.rows().get(i).labels()[kk] == 1).count();
            double w = pos == 0 ? 1 : Math.sqrt((double) (split.train().size() - pos) / pos);
            positiveWeights[k] = (float) Math.min(options.maxPositiveWeight(), Math.max(1, w));
            weightReport.put(labels.get(k), Math.round(positiveWeights[k] * 1000) / 1000.0);
        }

        // optionally machine failure = its own head OR heat dissipation OR power OR overstrain (AI4I's rules)
        MlpArchitecture single = new MlpArchitecture("mlp", width, options.hiddenUnits(), "relu", null, classes,
                "sigmoid", options.noisyOr());
        int members = Math.max(1, options.ensemble());
        List<Member> trainedMembers = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            // member m uses seed + m for its initialisation and shuffling; the split always uses the seed
            trainedMembers.add(trainMember(single, options.seed() + m, positiveWeights, x, data, split, width,
                    classes));
        }
        MlpArchitecture architecture = single.withEnsemble(members);
        int epoch = trainedMembers.stream().mapToInt(Member::epochs).sum();
        int bestEpoch = trainedMembers.get(0).bestEpoch();
        double bestLoss = trainedMembers.stream().mapToDouble(Member::bestScore).average().orElse(Double.NaN);
        String selection = (options.selectByPrAuc()
                ? "1 - validation machine_failure PR-AUC (+ 0.001 x validation loss)"
                : "validation cross-entropy of machine_failure, HDF, PWF, OSF")
                + (members == 1 ? "" : "; ensemble of " + members + " MLPs (seeds " + options.seed() + ".."
                        + (options.seed() + members - 1) + ", mean logits), best epochs "
                        + trainedMembers.stream().map(Member::bestEpoch).toList() + ", epochs = their sum");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = architecture.newBlock();
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, width));
            if (members == 1) {
                load(block, trainedMembers.get(0).parameters(), manager);
            } else {
                for (int m = 0; m < members; m++) {
                    load(block.getChildren().valueAt(m), trainedMembers.get(m).parameters(), manager);
                }
            }
            byte[] best = save(block);
            {
                float[][] validationScores = predict(architecture, block, manager, x, split.validation(), width,
                        classes);
                float[][] testScores = predict(architecture, block, manager, x, split.test(), width, classes);
                Map<String, Threshold> thresholds = new LinkedHashMap<>();
                Map<String, BinaryMetrics> perClass = new LinkedHashMap<>();
                Map<String, BinaryMetrics> validationPerClass = new LinkedHashMap<>();
                Map<String, Integer> testPositives = new LinkedHashMap<>();
                for (int k = 0; k < classes; k++) {
                    int[] vy = column(data, split.validation(), k);
                    int[] ty = column(data, split.test(), k);
                    float[] vs = column(validationScores, k);
                    double high = BinaryMetrics.bestF1Threshold(vs, vy);
                    if (BinaryMetrics.of(vs, vy, high).f1() < UNPREDICTABLE_F1) {
                        // the best validation F1 is poor (TWF, RNF are random in AI4I): a low F1-optimal
                        // threshold would only flood postprocessing with alerts, so require a confident score
                        high = Math.max(high, 0.5);
                    }
                    high = Math.round(high * 10000) / 10000.0;
                    // clear well below the raise level so a reading hovering at the threshold does not flap
                    thresholds.put(labels.get(k), new Threshold(high, Math.round(high * 0.6 * 10000) / 10000.0));
                    perClass.put(labels.get(k), BinaryMetrics.of(column(testScores, k), ty, high));
                    validationPerClass.put(labels.get(k), BinaryMetrics.of(vs, vy, high));
                    testPositives.put(labels.get(k), java.util.Arrays.stream(ty).sum());
                }
                double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;
                EvaluationReport report = new EvaluationReport("test",
                        new EvaluationReport.DataFingerprint(data.file(), data.sha256(), data.rows().size(),
                                split.train().size(), split.validation().size(), split.test().size(), testPositives,
                                "label combination (machine_failure, TWF, HDF, PWF, OSF, RNF)",
                                split.test().stream().map(i -> i + 1).sorted().toList()),
                        new EvaluationReport.TrainingSummary(options.seed(), epoch, bestEpoch, selection,
                                Math.round(bestLoss * 1e6) / 1e6, weightReport, seconds,
                                "DJL " + Engine.getDjlVersion() + " " + Engine.getEngine("PyTorch").getEngineName()
                                        + " " + Engine.getEngine("PyTorch").getVersion()),
                        perClass, validationPerClass);
                return new TrainedModel(architecture, best, fitted, thresholds, report);
            }
        }
    }

    /** One trained MLP: its best epoch's parameters. */
    private record Member(byte[] parameters, int epochs, int bestEpoch, double bestScore) {
    }

    /** Trains one MLP with early stopping on validation; returns the weights of its best epoch. */
    private Member trainMember(MlpArchitecture architecture, long seed, float[] positiveWeights, float[][] x,
                               Ai4iData data, Split split, int width, int classes) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Block block = architecture.newBlock();
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        byte[] best = null;
        int epoch = 0;
        try (Model model = Model.newInstance("ai4i-failure", "PyTorch")) {
            model.setBlock(block);
            WeightedSigmoidLoss loss = new WeightedSigmoidLoss(positiveWeights, architecture.noisyOr());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(options.learningRate())).optWeightDecays(1e-5f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                Random shuffle = new Random(seed);
                List<Integer> order = new ArrayList<>(split.train());
                while (epoch < options.maxEpochs() && epoch - bestEpoch < options.patience()) {
                    epoch++;
                    Collections.shuffle(order, shuffle);
                    for (int start = 0; start < order.size(); start += options.batchSize()) {
                        List<Integer> batch = order.subList(start, Math.min(order.size(), start + options.batchSize()));
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray bx = m.create(rows(x, batch, width), new Shape(batch.size(), width));
                            NDArray by = m.create(labelRows(data, batch, classes), new Shape(batch.size(), classes));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(bx)).singletonOrThrow();
                                gc.backward(loss.evaluate(new NDList(by), new NDList(logits)));
                            }
                            trainer.step();
                        }
                    }
                    double validationLoss = lossOf(architecture, trainer, x, data, split.validation(), width, classes);
                    if (options.selectByPrAuc()) {
                        float[][] vs = predict(architecture, trainer, x, split.validation(), width, classes);
                        double ap = BinaryMetrics.averagePrecision(column(vs, 0), column(data, split.validation(), 0));
                        validationLoss = 1 - ap + validationLoss * 1e-3; // ties go to the lower loss
                    }
                    if (validationLoss < bestLoss - 1e-5) {
                        bestLoss = validationLoss;
                        bestEpoch = epoch;
                        best = save(block);
                    }
                    if (epoch % 20 == 0) {
                        log.info("seed {} epoch {}: validation score {} (best {} at epoch {})", seed, epoch,
                                String.format("%.5f", validationLoss), String.format("%.5f", bestLoss), bestEpoch);
                    }
                }
            }
        }
        return new Member(best, epoch, bestEpoch, bestLoss);
    }

    private static float[][] predict(MlpArchitecture architecture, Block block, NDManager manager, float[][] x,
                                     List<Integer> idx, int width, int classes) {
        try (NDManager m = manager.newSubManager()) {
            NDArray bx = m.create(rows(x, idx, width), new Shape(idx.size(), width));
            NDArray logits = block.forward(new ai.djl.training.ParameterStore(m, false), new NDList(bx), false)
                    .singletonOrThrow();
            float[] p = architecture.toOutputs(logits).toFloatArray();
            float[][] out = new float[idx.size()][classes];
            for (int i = 0; i < idx.size(); i++) {
                System.arraycopy(p, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }

    private static float[] rows(float[][] x, List<Integer> idx, int width) {
        float[] out = new float[idx.size() * width];
        for (int i = 0; i < idx.size(); i++) {
            System.arraycopy(x[idx.get(i)], 0, out, i * width, width);
        }
        return out;
    }

    private static float[] labelRows(Ai4iData data, List<Integer> idx, int classes) {
        float[] out = new float[idx.size() * classes];
        for (int i = 0; i < idx.size(); i++) {
            int[] l = data.rows().get(idx.get(i)).labels();
            for (int k = 0; k < classes; k++) {
                out[i * classes + k] = l[k];
            }
        }
        return out;
    }

    /**
     * Early-stopping criterion: plain cross-entropy on validation over the labels the sensors can explain (machine
     * failure, HDF, PWF, OSF). TWF and RNF are mostly random in AI4I; letting their noise pick the epoch would stop
     * training long before the learnable modes are learnt.
     */
    private static double lossOf(MlpArchitecture architecture, Trainer trainer, float[][] x, Ai4iData data, List<Integer> idx, int width,
                                 int classes) {
        float[][] p = predict(architecture, trainer, x, idx, width, classes);
        double sum = 0;
        int[] columns = SELECTION_COLUMNS;
        for (int i = 0; i < idx.size(); i++) {
            int[] y = data.rows().get(idx.get(i)).labels();
            for (int k : columns) {
                double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i][k]));
                sum -= y[k] == 1 ? Math.log(q) : Math.log(1 - q);
            }
        }
        return sum / (idx.size() * columns.length);
    }

    private static float[][] predict(MlpArchitecture architecture, Trainer trainer, float[][] x, List<Integer> idx, int width, int classes) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray bx = m.create(rows(x, idx, width), new Shape(idx.size(), width));
            float[] p = architecture.toOutputs(trainer.evaluate(new NDList(bx)).singletonOrThrow()).toFloatArray();
            float[][] out = new float[idx.size()][classes];
            for (int i = 0; i < idx.size(); i++) {
                System.arraycopy(p, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }

    private static float[] column(float[][] scores, int k) {
        float[] out = new float[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i][k];
        }
        return out;
    }

    private static int[] column(Ai4iData data, List<Integer> idx, int k) {
        return idx.stream().mapToInt(i -> data.rows().get(i).labels()[k]).toArray();
    }

    private static byte[] save(Block block) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void load(Block block, byte[] params, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best epoch's weights", e);
        }
    }
}

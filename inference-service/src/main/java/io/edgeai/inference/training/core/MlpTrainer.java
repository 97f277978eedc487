package io.edgeai.inference.training.core;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.edgeai.inference.compute.MlpArchitecture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of the service: trains any {@code mlp} architecture of model.json with DJL on encoded rows
 * (Adam, seeded shuffling, early stopping on a validation score) and keeps the weights of the best epoch. The AI4I
 * recipe, CSV training and fine-tuning differ only in their {@link Objective}, {@link Settings} and warm start.
 */
public final class MlpTrainer {

    private static final Logger log = LoggerFactory.getLogger(MlpTrainer.class);
    private static final String ENGINE = "PyTorch";

    /**
     * @param epochs          most epochs
     * @param patience        epochs without a better validation score before stopping
     * @param batchSize       rows per step
     * @param learningRate    Adam's learning rate
     * @param seed            seed of initialisation and shuffling
     * @param positiveWeights loss weight of each label's positives (class imbalance)
     * @param objective       the loss and the validation score
     */
    public record Settings(int epochs, int patience, int batchSize, float learningRate, long seed,
                           float[] positiveWeights, Objective objective) {

        /** Settings with the {@link Objective#SERVED_OUTPUTS} objective (training on site). */
        public Settings(int epochs, int patience, int batchSize, float learningRate, long seed,
                        float[] positiveWeights) {
            this(epochs, patience, batchSize, learningRate, seed, positiveWeights, Objective.SERVED_OUTPUTS);
        }
    }

    /** What a run minimises: the loss of a batch, and the validation score (lower is better) that keeps an epoch. */
    public interface Objective {

        /**
         * Weighted cross-entropy on the served outputs (so a {@code noisy_or} architecture trains exactly what it
         * serves), epochs kept by the plain cross-entropy of every label on validation.
         */
        Objective SERVED_OUTPUTS = new Objective() {
            @Override
            public Loss loss(MlpArchitecture architecture, float[] positiveWeights) {
                return new OutputCrossEntropy(architecture, positiveWeights);
            }

            @Override
            public double validationScore(float[][] scores, int[][] y, List<Integer> validation) {
                return Scores.crossEntropy(scores, y, validation);
            }

            @Override
            public double minImprovement() {
                return 1e-6;
            }
        };

        Loss loss(MlpArchitecture architecture, float[] positiveWeights);

        double validationScore(float[][] scores, int[][] y, List<Integer> validation);

        /** How much lower a score must be to count as better (noise in the last digits keeps the earlier epoch). */
        double minImprovement();
    }

    /** Sees every epoch; may stop the run. */
    public interface Listener {

        /** Watches nothing and never cancels. */
        Listener NONE = new Listener() {
            @Override
            public void epoch(int epoch, double trainingLoss, double validationScore, float[][] validationScores) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        /** After each epoch, with the validation outputs of that epoch's weights. */
        void epoch(int epoch, double trainingLoss, double validationScore, float[][] validationScores);

        /** Checked between steps: true ends the run with a {@link CancellationException}. */
        boolean cancelled();
    }

    /**
     * @param parameters         weights of the best epoch (DJL .params)
     * @param epochs             epochs run
     * @param bestEpoch          the epoch whose weights were kept (0 = the warm start itself)
     * @param bestValidationLoss validation score of those weights
     */
    public record Result(byte[] parameters, int epochs, int bestEpoch, double bestValidationLoss) {
    }

    private MlpTrainer() {
    }

    /**
     * Trains from {@code warmStart} (weights of the same architecture; null = fresh weights seeded by
     * {@code settings.seed()}). With a warm start, an epoch must beat the warm start's validation score to be kept.
     */
    public static Result train(MlpArchitecture architecture, byte[] warmStart, float[][] x, int[][] y,
                               List<Integer> train, List<Integer> validation, Settings settings, Listener listener) {
        int width = architecture.inputSize();
        int classes = architecture.outputUnits();
        Objective objective = settings.objective();
        Engine.getEngine(ENGINE).setRandomSeed((int) settings.seed());
        Block block = architecture.newBlock();
        try (Model model = Model.newInstance("training", ENGINE)) {
            model.setBlock(block);
            if (warmStart != null) {
                // Load before the trainer exists: its parameter store keeps the arrays it saw at initialisation, so
                // weights loaded afterwards were neither trained nor saved (the "candidate" was the served version).
                // initialize() keeps arrays that are already there and only marks them as needing gradients.
                block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, width));
                BlockParameters.load(block, warmStart, model.getNDManager());
            }
            Loss loss = objective.loss(architecture, settings.positiveWeights());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(settings.learningRate())).optWeightDecays(1e-5f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                byte[] best = BlockParameters.save(block);
                double bestScore = Double.POSITIVE_INFINITY; // random weights are never the answer
                if (warmStart != null && !validation.isEmpty()) {
                    bestScore = objective.validationScore(predict(architecture, trainer, x, validation), y,
                            validation);
                }
                int bestEpoch = 0;
                Random shuffle = new Random(settings.seed());
                List<Integer> order = new ArrayList<>(train);
                int epoch = 0;
                while (epoch < settings.epochs() && epoch - bestEpoch < settings.patience()) {
                    epoch++;
                    Collections.shuffle(order, shuffle);
                    double lossSum = 0;
                    for (int from = 0; from < order.size(); from += settings.batchSize()) {
                        if (listener.cancelled()) {
                            throw new CancellationException("cancelled at epoch " + epoch);
                        }
                        List<Integer> batch = order.subList(from, Math.min(order.size(), from + settings.batchSize()));
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray bx = m.create(rows(x, batch, width), new Shape(batch.size(), width));
                            NDArray by = m.create(rows(y, batch, classes), new Shape(batch.size(), classes));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(bx)).singletonOrThrow();
                                NDArray l = loss.evaluate(new NDList(by), new NDList(logits));
                                lossSum += l.getFloat() * batch.size();
                                gc.backward(l);
                            }
                            trainer.step();
                        }
                    }
                    float[][] scores = predict(architecture, trainer, x, validation);
                    double score = objective.validationScore(scores, y, validation);
                    if (score < bestScore - objective.minImprovement()) {
                        bestScore = score;
                        bestEpoch = epoch;
                        best = BlockParameters.save(block);
                    }
                    if (epoch % 20 == 0) {
                        log.info("seed {} epoch {}: validation score {} (best {} at epoch {})", settings.seed(), epoch,
                                String.format("%.5f", score), String.format("%.5f", bestScore), bestEpoch);
                    }
                    listener.epoch(epoch, lossSum / Math.max(1, order.size()), score, scores);
                }
                return new Result(best, epoch, bestEpoch, bestScore);
            }
        }
    }

    /** The served outputs of saved parameters for the given rows. */
    public static float[][] predict(MlpArchitecture architecture, byte[] parameters, float[][] x, List<Integer> idx) {
        Block block = architecture.newBlock();
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.inputSize()));
            BlockParameters.load(block, parameters, manager);
            NDArray bx = manager.create(rows(x, idx, architecture.inputSize()),
                    new Shape(idx.size(), architecture.inputSize()));
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(bx), false)
                    .singletonOrThrow();
            return unflatten(architecture.toOutputs(logits).toFloatArray(), idx.size(), architecture.outputUnits());
        }
    }

    private static float[][] predict(MlpArchitecture architecture, Trainer trainer, float[][] x, List<Integer> idx) {
        if (idx.isEmpty()) {
            return new float[0][];
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray bx = m.create(rows(x, idx, architecture.inputSize()),
                    new Shape(idx.size(), architecture.inputSize()));
            float[] p = architecture.toOutputs(trainer.evaluate(new NDList(bx)).singletonOrThrow()).toFloatArray();
            return unflatten(p, idx.size(), architecture.outputUnits());
        }
    }

    /** The engine that trains, as the evaluation report names it. */
    public static String engineDescription() {
        Engine e = Engine.getEngine(ENGINE);
        return "DJL " + Engine.getDjlVersion() + " " + e.getEngineName() + " " + e.getVersion();
    }

    /** Wall time since {@code startedNanos} in seconds, 2 decimals, as the evaluation report shows it. */
    public static double secondsSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e7) / 100.0;
    }

    private static float[][] unflatten(float[] p, int n, int classes) {
        float[][] out = new float[n][classes];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, i * classes, out[i], 0, classes);
        }
        return out;
    }

    private static float[] rows(float[][] x, List<Integer> idx, int width) {
        float[] out = new float[idx.size() * width];
        for (int i = 0; i < idx.size(); i++) {
            System.arraycopy(x[idx.get(i)], 0, out, i * width, width);
        }
        return out;
    }

    private static float[] rows(int[][] y, List<Integer> idx, int classes) {
        float[] out = new float[idx.size() * classes];
        for (int i = 0; i < idx.size(); i++) {
            for (int k = 0; k < classes; k++) {
                out[i * classes + k] = y[idx.get(i)][k];
            }
        }
        return out;
    }
}

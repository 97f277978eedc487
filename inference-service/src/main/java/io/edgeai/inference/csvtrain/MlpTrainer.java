package io.edgeai.inference.csvtrain;

import ai.djl.MalformedModelException;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Trains any {@code mlp} architecture of model.json with DJL on encoded rows: multi-label binary cross-entropy on
 * the served outputs (so a {@code noisy_or} architecture trains exactly what it serves), positives weighted per
 * label, Adam, early stopping on validation loss. Optionally warm-starts from saved parameters of the same
 * architecture (fine-tuning).
 */
public final class MlpTrainer {

    /**
     * @param epochs          most epochs
     * @param patience        epochs without a better validation loss before stopping
     * @param batchSize       rows per step
     * @param learningRate    Adam's learning rate
     * @param seed            seed of initialisation and shuffling
     * @param positiveWeights loss weight of each label's positives (class imbalance)
     */
    public record Settings(int epochs, int patience, int batchSize, float learningRate, long seed,
                           float[] positiveWeights) {
    }

    /** Sees every epoch; may stop the run. */
    public interface Listener {
        /** After each epoch, with the validation outputs of that epoch's weights. */
        void epoch(int epoch, double trainingLoss, double validationLoss, float[][] validationScores);

        /** Checked between steps: true ends the run with a {@link CancellationException}. */
        boolean cancelled();
    }

    /**
     * @param parameters         weights of the best epoch (DJL .params)
     * @param epochs             epochs run
     * @param bestEpoch          the epoch whose weights were kept (0 = the warm start itself)
     * @param bestValidationLoss validation loss of those weights
     */
    public record Result(byte[] parameters, int epochs, int bestEpoch, double bestValidationLoss) {
    }

    private MlpTrainer() {
    }

    public static Result train(MlpArchitecture architecture, byte[] warmStart, float[][] x, int[][] y,
                               List<Integer> train, List<Integer> validation, Settings settings, Listener listener) {
        int width = architecture.inputSize();
        int classes = architecture.outputUnits();
        Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
        Block block = architecture.newBlock();
        try (Model model = Model.newInstance("training", "PyTorch")) {
            model.setBlock(block);
            if (warmStart != null) {
                // Load before the trainer exists: its parameter store keeps the arrays it saw at initialisation, so
                // weights loaded afterwards were neither trained nor saved (the "candidate" was the served version).
                // initialize() keeps arrays that are already there and only marks them as needing gradients.
                block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, width));
                load(block, warmStart, model.getNDManager());
            }
            OutputCrossEntropy loss = new OutputCrossEntropy(architecture, settings.positiveWeights());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(settings.learningRate())).optWeightDecays(1e-5f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                byte[] best = save(block);
                float[][] start = predict(architecture, trainer, x, validation);
                double bestLoss = validation.isEmpty() ? Double.POSITIVE_INFINITY
                        : crossEntropy(start, y, validation);
                int bestEpoch = 0;
                if (warmStart == null) {
                    bestLoss = Double.POSITIVE_INFINITY; // random weights are never the answer
                }
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
                    double validationLoss = crossEntropy(scores, y, validation);
                    if (validationLoss < bestLoss - 1e-6) {
                        bestLoss = validationLoss;
                        bestEpoch = epoch;
                        best = save(block);
                    }
                    listener.epoch(epoch, lossSum / Math.max(1, order.size()), validationLoss, scores);
                }
                return new Result(best, epoch, bestEpoch, bestLoss);
            }
        }
    }

    /** The served outputs of saved parameters for the given rows. */
    public static float[][] predict(MlpArchitecture architecture, byte[] parameters, float[][] x, List<Integer> idx) {
        Block block = architecture.newBlock();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.inputSize()));
            load(block, parameters, manager);
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

    /** Mean unweighted binary cross-entropy of outputs against 0/1 labels. */
    public static double crossEntropy(float[][] scores, int[][] y, List<Integer> idx) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < idx.size(); i++) {
            int[] truth = y[idx.get(i)];
            for (int k = 0; k < truth.length; k++) {
                double q = Math.min(1 - 1e-7, Math.max(1e-7, scores[i][k]));
                sum -= truth[k] == 1 ? Math.log(q) : Math.log(1 - q);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
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

    static byte[] save(Block block) {
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

    static void load(Block block, byte[] params, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("parameters do not fit the architecture: " + e.getMessage(), e);
        }
    }

    /** Weighted binary cross-entropy on the served outputs (after sigmoid and any noisy-or union). */
    private static final class OutputCrossEntropy extends Loss {

        private final MlpArchitecture architecture;
        private final float[] positiveWeights;

        OutputCrossEntropy(MlpArchitecture architecture, float[] positiveWeights) {
            super("output_bce");
            this.architecture = architecture;
            this.positiveWeights = positiveWeights.clone();
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray p = architecture.toOutputs(predictions.singletonOrThrow()).clip(1e-6f, 1 - 1e-6f);
            NDArray y = labels.singletonOrThrow();
            NDArray w = p.getManager().create(positiveWeights);
            return y.mul(w).mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).neg().mean();
        }
    }
}

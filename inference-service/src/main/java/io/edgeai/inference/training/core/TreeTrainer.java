package io.edgeai.inference.training.core;

import io.edgeai.inference.compute.TreeEnsembleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The tree family of the training core: one XGBoost booster ({@code binary:logistic}) per label on the encoded
 * rows, early stopping on the validation log-loss, then the booster retrained with exactly the best number of
 * rounds (seeded, so the same trees) so that the saved model is the one that was chosen. The counterpart of
 * {@link MlpTrainer}: same rows, same split, same positives weighting.
 */
public final class TreeTrainer {

    /**
     * @param maxRounds       most boosting rounds per label
     * @param earlyStopping   rounds without a better validation log-loss before stopping
     * @param maxDepth        depth of each tree
     * @param eta             learning rate (shrinkage)
     * @param minChildWeight  least hessian in a leaf (guards the rare labels)
     * @param subsample       rows sampled per tree
     * @param colsample       columns sampled per tree
     * @param seed            seed of the sampling
     * @param positiveWeights per label: XGBoost's {@code scale_pos_weight}
     */
    public record Settings(int maxRounds, int earlyStopping, int maxDepth, double eta, double minChildWeight,
                           double subsample, double colsample, long seed, float[] positiveWeights) {

        /** Defaults for small tabular data sets on site. */
        public static Settings defaults(long seed, float[] positiveWeights) {
            return new Settings(400, 40, 4, 0.1, 1, 0.9, 0.9, seed, positiveWeights);
        }

        public Settings withDepth(int depth, double learningRate) {
            return new Settings(maxRounds, earlyStopping, depth, learningRate, minChildWeight, subsample, colsample,
                    seed, positiveWeights);
        }
    }

    /**
     * @param boosters            per label, the booster in XGBoost's UBJSON format
     * @param rounds              per label, the rounds kept (best validation log-loss)
     * @param validationLogLosses per label, the validation log-loss at that round
     */
    public record Result(List<byte[]> boosters, List<Integer> rounds, List<Double> validationLogLosses) {

        /** model.json's {@code trees} block for these boosters (files named by {@link TreeEnsembleSpec#fileName}). */
        public TreeEnsembleSpec spec() {
            List<String> files = new ArrayList<>();
            for (int k = 0; k < boosters.size(); k++) {
                files.add(TreeEnsembleSpec.fileName(k));
            }
            return new TreeEnsembleSpec(files, TreeEnsembleSpec.BINARY_LOGISTIC, rounds);
        }

        /** The version folder's booster files, name to bytes. */
        public Map<String, byte[]> files() {
            Map<String, byte[]> out = new java.util.LinkedHashMap<>();
            for (int k = 0; k < boosters.size(); k++) {
                out.put(TreeEnsembleSpec.fileName(k), boosters.get(k));
            }
            return out;
        }
    }

    private TreeTrainer() {
    }

    /** Trains one booster per label column of {@code y}; {@code cancelled} is checked between labels. */
    public static Result train(float[][] x, int[][] y, List<Integer> train, List<Integer> validation,
                               Settings settings, BooleanSupplier cancelled) {
        int labels = y[0].length;
        List<byte[]> boosters = new ArrayList<>(labels);
        List<Integer> rounds = new ArrayList<>(labels);
        List<Double> losses = new ArrayList<>(labels);
        try {
            for (int k = 0; k < labels; k++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled at label " + k);
                }
                DMatrix dtrain = matrix(x, y, train, k);
                DMatrix dvalid = matrix(x, y, validation, k);
                try {
                    Map<String, Object> params = params(settings, k, train.size());
                    Map<String, DMatrix> watches = new HashMap<>();
                    watches.put("validation", dvalid);
                    float[][] metrics = new float[1][settings.maxRounds()];
                    Booster probe = XGBoost.train(dtrain, params, settings.maxRounds(), watches, metrics, null, null,
                            settings.earlyStopping());
                    int best = bestRound(metrics[0], settings.maxRounds());
                    probe.dispose();
                    // retrain with exactly the chosen rounds: the saved booster is the one that was validated
                    Booster chosen = XGBoost.train(dtrain, params, best + 1, new HashMap<>(), null, null);
                    boosters.add(chosen.toByteArray("ubj"));
                    chosen.dispose();
                    rounds.add(best + 1);
                    losses.add(Math.round(metrics[0][best] * 1e6) / 1e6);
                } finally {
                    dtrain.dispose();
                    dvalid.dispose();
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
        return new Result(boosters, rounds, losses);
    }

    /** Probabilities of the given rows, one column per booster. */
    public static float[][] predict(List<byte[]> boosters, float[][] x, List<Integer> idx) {
        int width = x[0].length;
        float[] flat = new float[idx.size() * width];
        for (int i = 0; i < idx.size(); i++) {
            System.arraycopy(x[idx.get(i)], 0, flat, i * width, width);
        }
        float[][] out = new float[idx.size()][boosters.size()];
        if (idx.isEmpty()) {
            return out;
        }
        try {
            for (int k = 0; k < boosters.size(); k++) {
                Booster b = XGBoost.loadModel(boosters.get(k));
                try {
                    float[][] p = b.inplace_predict(flat, idx.size(), width, Float.NaN);
                    for (int i = 0; i < idx.size(); i++) {
                        out[i][k] = p[i][0];
                    }
                } finally {
                    b.dispose();
                }
            }
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The library that trains, as reports name it. */
    public static String engineDescription() {
        Package p = XGBoost.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "XGBoost4J " + (version == null ? "3.4.0" : version) + " (binary:logistic)";
    }

    /** Up to this many training rows the splits are exact; beyond, histogram bins keep training fast. */
    static final int EXACT_SPLITS_UP_TO = 50_000;

    private static Map<String, Object> params(Settings s, int label, int rows) {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", TreeEnsembleSpec.BINARY_LOGISTIC);
        p.put("eval_metric", "logloss");
        // exact splits fall halfway between observed values: a rule's limit (a temperature difference of 8.6 K) is
        // learnt where it is, not at the edge of a histogram bin (which put a reading at 8.6 K on the wrong side)
        p.put("tree_method", rows <= EXACT_SPLITS_UP_TO ? "exact" : "hist");
        p.put("max_depth", s.maxDepth());
        p.put("eta", s.eta());
        p.put("min_child_weight", s.minChildWeight());
        p.put("subsample", s.subsample());
        p.put("colsample_bytree", s.colsample());
        p.put("scale_pos_weight", s.positiveWeights() == null ? 1.0 : (double) s.positiveWeights()[label]);
        p.put("seed", (int) s.seed());
        p.put("nthread", 1); // the one low-priority training thread, like PyTorch's
        p.put("verbosity", 0);
        return p;
    }

    /** The round with the lowest validation loss among those run (the rest of the array is zero). */
    private static int bestRound(float[] losses, int max) {
        int best = 0;
        for (int r = 1; r < max; r++) {
            if (losses[r] == 0f && r > 0 && isTail(losses, r)) {
                break;
            }
            if (losses[r] < losses[best]) {
                best = r;
            }
        }
        return best;
    }

    private static boolean isTail(float[] losses, int from) {
        for (int r = from; r < losses.length; r++) {
            if (losses[r] != 0f) {
                return false;
            }
        }
        return true;
    }

    private static DMatrix matrix(float[][] x, int[][] y, List<Integer> idx, int label) throws XGBoostError {
        int width = x[0].length;
        float[] flat = new float[idx.size() * width];
        float[] labels = new float[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            System.arraycopy(x[idx.get(i)], 0, flat, i * width, width);
            labels[i] = y[idx.get(i)][label];
        }
        DMatrix m = new DMatrix(flat, idx.size(), width, Float.NaN);
        m.setLabel(labels);
        return m;
    }
}

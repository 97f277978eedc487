package io.edgeai.inference.compute;

import io.edgeai.contracts.model.Regression;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Runs gradient-boosted trees with XGBoost's own predictor: one booster per output column, input one FP32 feature
 * row per reading (the feature spec's columns, normalised as for every platform), output the probability of each
 * column. Explanations are TreeSHAP values ({@code predictContrib}): exact, in log-odds, the bias last.
 * XGBoost's prediction is thread-safe, so the batcher's instances and explanations share the boosters.
 *
 * <p>A regression model (model.json's {@code regression} block, one {@code reg:squarederror} booster) serves three
 * columns per row instead: the predicted RUL and its interval, {@link Regression#columns}.
 */
public final class XgboostRunner implements ModelRunner {

    private final List<Booster> boosters;
    private final int width;
    private final Regression regression;

    private XgboostRunner(List<Booster> boosters, int width, Regression regression) {
        this.boosters = List.copyOf(boosters);
        this.width = width;
        this.regression = regression;
    }

    /**
     * Loads the boosters saved by {@link Booster#toByteArray(String)}.
     *
     * @param models one serialized booster per output column, in output order
     * @param width  columns of the input row
     */
    public static XgboostRunner load(List<byte[]> models, int width) {
        return load(models, width, null);
    }

    /** As {@link #load(List, int)}; with {@code regression}, one booster whose output becomes RUL columns. */
    public static XgboostRunner load(List<byte[]> models, int width, Regression regression) {
        requireNatives();
        List<Booster> loaded = new ArrayList<>(models.size());
        try {
            for (byte[] m : models) {
                Booster b = XGBoost.loadModel(m);
                b.setParam("nthread", 1); // parallelism comes from batching and instance_count, as for PyTorch
                loaded.add(b);
            }
        } catch (XGBoostError | java.io.IOException e) {
            loaded.forEach(Booster::dispose);
            throw new IllegalArgumentException("cannot load XGBoost booster: " + e.getMessage(), e);
        }
        return new XgboostRunner(loaded, width, regression);
    }

    /** Why XGBoost's natives did not load (null while they have not been tried or did load). */
    private static volatile String nativesMissing;
    private static volatile boolean nativesLoaded;

    /**
     * Fails with a clear {@link IllegalStateException} when XGBoost's native library cannot be loaded on this machine
     * (its linux build links {@code libgomp.so.1}, the GNU OpenMP runtime: Debian/Ubuntu package {@code libgomp1}).
     * The JVM reports that as a {@link LinkageError} once, then as "Could not initialize class": both become the same
     * message, so a version of platform xgboost is UNAVAILABLE with that reason and every other model is served.
     */
    public static synchronized void requireNatives() {
        if (nativesLoaded) {
            return;
        }
        if (nativesMissing == null) {
            try {
                Class.forName("ml.dmlc.xgboost4j.java.XGBoostJNI", true, XgboostRunner.class.getClassLoader());
                nativesLoaded = true;
                return;
            } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                nativesMissing = "XGBoost's native library cannot be loaded on this machine (" + root + "); on "
                        + "linux it needs libgomp.so.1, the GNU OpenMP runtime (Debian/Ubuntu: apt-get install "
                        + "libgomp1)";
            }
        }
        throw new IllegalStateException(nativesMissing);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int rows = x.rows();
        checkWidth(x);
        if (regression != null) {
            return List.of(regress(x));
        }
        float[] out = new float[rows * boosters.size()];
        try {
            for (int k = 0; k < boosters.size(); k++) {
                // in-place prediction: no DMatrix per call, the fast path for small batches
                float[][] p = boosters.get(k).inplace_predict((float[]) x.data(), rows, width, Float.NaN);
                for (int r = 0; r < rows; r++) {
                    out[r * boosters.size() + k] = p[r][0];
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
        return List.of(new Tensor(Datatype.FP32, new long[] {rows, boosters.size()}, out));
    }

    private Tensor regress(Tensor x) {
        int rows = x.rows();
        float[] out = new float[rows * 3];
        try {
            float[][] p = boosters.get(0).inplace_predict((float[]) x.data(), rows, width, Float.NaN);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(regression.columns(p[r][0]), 0, out, r * 3, 3);
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
        return new Tensor(Datatype.FP32, new long[] {rows, 3}, out);
    }

    @Override
    public Attributions explain(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int rows = x.rows();
        float[][] base = new float[rows][boosters.size()];
        float[][][] contributions = new float[rows][boosters.size()][];
        DMatrix matrix = matrix(x);
        try {
            for (int k = 0; k < boosters.size(); k++) {
                float[][] c = boosters.get(k).predictContrib(matrix, 0);
                for (int r = 0; r < rows; r++) {
                    base[r][k] = c[r][width]; // the bias column comes last
                    contributions[r][k] = java.util.Arrays.copyOf(c[r], width);
                }
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost explanation failed: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
        if (regression != null) {
            // the interval is the prediction shifted by constants: the same contributions, the base shifted
            float[] shift = regression.interval() == null ? new float[3] : new float[] {0,
                    (float) regression.interval().lowerOffset(), (float) regression.interval().upperOffset()};
            float[][] b3 = new float[rows][3];
            float[][][] c3 = new float[rows][3][];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < 3; k++) {
                    b3[r][k] = base[r][0] + shift[k];
                    c3[r][k] = contributions[r][0];
                }
            }
            return new Attributions("tree_shap", b3, c3);
        }
        return new Attributions("tree_shap", base, contributions);
    }

    private void checkWidth(Tensor x) {
        if (x.datatype() != Datatype.FP32 || x.rowWidth() != width) {
            throw new IllegalArgumentException("platform xgboost takes FP32 rows of " + width + " features");
        }
    }

    private DMatrix matrix(Tensor x) {
        checkWidth(x);
        try {
            return new DMatrix((float[]) x.data(), x.rows(), width, Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("cannot build XGBoost input: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        boosters.forEach(Booster::dispose);
    }
}

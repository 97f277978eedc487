package io.edgeai.inference.training.core;

import io.edgeai.inference.compute.TreeEnsembleSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The regression counterpart of {@link TreeTrainer}: one XGBoost booster ({@code reg:squarederror}) on encoded rows,
 * early stopping on the validation RMSE, then retrained with exactly the best number of rounds (seeded, so the same
 * trees) so that the saved booster is the one that was validated.
 */
public final class TreeRegressor {

    /**
     * @param booster        the booster in XGBoost's UBJSON format
     * @param rounds         rounds kept (best validation RMSE)
     * @param validationRmse validation RMSE at that round
     */
    public record Result(byte[] booster, int rounds, double validationRmse) {

        /** model.json's {@code trees} block for this booster. */
        public TreeEnsembleSpec spec() {
            return new TreeEnsembleSpec(List.of(TreeEnsembleSpec.fileName(0)), TreeEnsembleSpec.SQUARED_ERROR,
                    List.of(rounds));
        }

        /** The version folder's booster file, name to bytes. */
        public Map<String, byte[]> files() {
            return Map.of(TreeEnsembleSpec.fileName(0), booster);
        }
    }

    private TreeRegressor() {
    }

    /** Trains on rows {@code train} of {@code x} against {@code y}, stopping early on rows {@code validation}. */
    public static Result train(float[][] x, float[] y, List<Integer> train, List<Integer> validation,
                               TreeTrainer.Settings settings) {
        try {
            DMatrix dtrain = matrix(x, y, train);
            DMatrix dvalid = matrix(x, y, validation);
            try {
                Map<String, Object> params = params(settings);
                Map<String, DMatrix> watches = new HashMap<>();
                watches.put("validation", dvalid);
                float[][] metrics = new float[1][settings.maxRounds()];
                Booster probe = XGBoost.train(dtrain, params, settings.maxRounds(), watches, metrics, null, null,
                        settings.earlyStopping());
                probe.dispose();
                int best = 0;
                for (int r = 1; r < settings.maxRounds() && metrics[0][r] > 0f; r++) {
                    if (metrics[0][r] < metrics[0][best]) {
                        best = r;
                    }
                }
                Booster chosen = XGBoost.train(dtrain, params, best + 1, new HashMap<>(), null, null);
                byte[] bytes = chosen.toByteArray("ubj");
                chosen.dispose();
                return new Result(bytes, best + 1, Math.round(metrics[0][best] * 1e4) / 1e4);
            } finally {
                dtrain.dispose();
                dvalid.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /** Predictions of the given rows. */
    public static float[] predict(byte[] booster, float[][] x, List<Integer> idx) {
        float[][] p = TreeTrainer.predict(List.of(booster), x, idx);
        float[] out = new float[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i][0];
        }
        return out;
    }

    private static Map<String, Object> params(TreeTrainer.Settings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", TreeEnsembleSpec.SQUARED_ERROR);
        p.put("eval_metric", "rmse");
        p.put("tree_method", "hist");
        p.put("max_depth", s.maxDepth());
        p.put("eta", s.eta());
        p.put("min_child_weight", s.minChildWeight());
        p.put("subsample", s.subsample());
        p.put("colsample_bytree", s.colsample());
        p.put("seed", (int) s.seed());
        p.put("nthread", 1);
        p.put("verbosity", 0);
        return p;
    }

    private static DMatrix matrix(float[][] x, float[] y, List<Integer> idx) throws XGBoostError {
        int width = x[0].length;
        float[] flat = new float[idx.size() * width];
        float[] labels = new float[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            System.arraycopy(x[idx.get(i)], 0, flat, i * width, width);
            labels[i] = y[idx.get(i)];
        }
        DMatrix m = new DMatrix(flat, idx.size(), width, Float.NaN);
        m.setLabel(labels);
        return m;
    }
}

package io.edgeai.inference.compute;

import java.util.List;

/**
 * The {@code trees} block of an {@code xgboost} model.json: one XGBoost booster per output column (a multi-label
 * model is one binary booster per label), each saved in XGBoost's own UBJSON format inside the version folder.
 *
 * @param boosters file name of each output column's booster, in output order
 * @param objective XGBoost objective of every booster; {@code binary:logistic} (a probability per column) is the
 *                  one served for classifiers, {@code reg:squarederror} for a regression model
 * @param rounds    boosting rounds kept per booster (the best validation round), for the report
 */
public record TreeEnsembleSpec(List<String> boosters, String objective, List<Integer> rounds) {

    /** The objective every booster is trained and served with. */
    public static final String BINARY_LOGISTIC = "binary:logistic";
    /** The objective of a regression model's one booster (model.json's {@code regression} block). */
    public static final String SQUARED_ERROR = "reg:squarederror";

    public TreeEnsembleSpec {
        boosters = boosters == null ? List.of() : List.copyOf(boosters);
        rounds = rounds == null ? null : List.copyOf(rounds);
        objective = objective == null ? BINARY_LOGISTIC : objective;
    }

    /** The file name of output column {@code k}'s booster. */
    public static String fileName(int k) {
        return "booster-" + k + ".ubj";
    }
}

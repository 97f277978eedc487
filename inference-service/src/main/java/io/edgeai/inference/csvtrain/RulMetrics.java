package io.edgeai.inference.csvtrain;

import io.edgeai.contracts.model.Regression;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regression report's figures: RMSE, MAE, and the asymmetric scoring function of the PHM08 data challenge
 * (Saxena et al. 2008), {@code e^(-d/13) - 1} for an early prediction and {@code e^(d/10) - 1} for a late one with
 * {@code d = predicted - true}: a late prediction (the machine fails before we said) costs more.
 */
final class RulMetrics {

    private RulMetrics() {
    }

    /**
     * @param predicted  one prediction per row of {@code idx}
     * @param truth      the (capped) labels of all rows
     * @param regression with an interval: also the share of truths inside it
     */
    static Map<String, Object> of(float[] predicted, float[] truth, List<Integer> idx, Regression regression) {
        double se = 0;
        double ae = 0;
        double phm = 0;
        int inside = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - truth[idx.get(i)];
            se += d * d;
            ae += Math.abs(d);
            phm += phm08(d);
            if (regression != null) {
                float[] c = regression.columns(predicted[i]);
                inside += truth[idx.get(i)] >= c[1] && truth[idx.get(i)] <= c[2] ? 1 : 0;
            }
        }
        int n = Math.max(1, predicted.length);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", predicted.length);
        out.put("rmse", round(Math.sqrt(se / n)));
        out.put("mae", round(ae / n));
        out.put("phm08_score", round(phm));
        out.put("phm08_score_per_row", round(phm / n));
        if (regression != null) {
            out.put("interval_coverage", round((double) inside / n));
        }
        return out;
    }

    static double phm08(double d) {
        return d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
    }

    static double rmse(float[] predicted, float[] truth, List<Integer> idx) {
        double se = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - truth[idx.get(i)];
            se += d * d;
        }
        return Math.sqrt(se / Math.max(1, predicted.length));
    }

    /** The q-quantile (0..1) of the values, linear between order statistics. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}

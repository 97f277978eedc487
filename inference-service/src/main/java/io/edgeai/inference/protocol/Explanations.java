package io.edgeai.inference.protocol;

import io.edgeai.contracts.explain.Explanation;
import io.edgeai.features.FeatureAttribution;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.compute.Attributions;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.repository.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code explanations} response parameter: per row, one {@link Explanation} per label, the model's per-column
 * attributions turned into reasons and sensors by the version's feature spec (edge-features'
 * {@link FeatureAttribution}, which knows how every derived column was computed).
 */
final class Explanations {

    /** Name of the request parameter and of the response parameter. */
    static final String PARAMETER = "explanations";
    private static final String REQUEST_FLAG = "explain";

    private Explanations() {
    }

    /** {@code ?explain=true}, or {@code "parameters": {"explain": true}} in the request body. */
    static boolean requested(Boolean query, Map<String, Object> parameters) {
        if (query != null) {
            return query;
        }
        Object flag = parameters == null ? null : parameters.get(REQUEST_FLAG);
        if (flag == null) {
            return false;
        }
        if (flag instanceof Boolean b) {
            return b;
        }
        throw new InvalidInputException("parameter 'explain' must be true or false, was " + flag);
    }

    static List<List<Explanation>> of(ModelVersion v, List<Tensor> inputs) {
        FeatureSpec spec = v.config().featureSpec();
        if (spec == null || inputs.size() != 1) {
            throw new InvalidInputException("model " + v.model() + " version " + v.version() + " cannot explain its "
                    + "answers: explanations need a numeric model with a feature_spec");
        }
        Attributions a = v.explain(inputs);
        if (a == null) {
            throw new InvalidInputException("model " + v.model() + " version " + v.version() + " (platform "
                    + v.config().platform() + ") cannot explain its answers; platforms xgboost and djl (an MLP) can");
        }
        FeatureAttribution attribution = new FeatureAttribution(spec);
        Tensor x = inputs.get(0);
        int width = x.rowWidth();
        float[] data = (float[]) x.data();
        List<String> labels = v.config().labels();
        List<List<Explanation>> out = new ArrayList<>(a.rows());
        for (int r = 0; r < a.rows(); r++) {
            float[] row = java.util.Arrays.copyOfRange(data, r * width, (r + 1) * width);
            List<Explanation> perLabel = new ArrayList<>(a.base()[r].length);
            for (int k = 0; k < a.base()[r].length; k++) {
                String label = k < labels.size() ? labels.get(k) : "output_" + k;
                perLabel.add(attribution.explain(label, a.method(), row, a.contributions()[r][k], a.base()[r][k]));
            }
            out.add(perLabel);
        }
        return out;
    }
}

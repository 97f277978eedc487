package io.edgeai.contracts.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Why a model scored one reading as it did for one label: each input's contribution in log-odds, grouped into the
 * reasons an operator reads (a sensor, or a quantity derived from sensors such as torque x tool wear) and summed back
 * onto the raw sensors. Inference computes it ({@code ?explain=true}), the pipeline attaches it to every alert it
 * raises, data-shard stores it with the alert, and the dashboard shows the top reasons.
 *
 * @param label   the output label explained (e.g. {@code machine_failure})
 * @param method  {@code tree_shap} (exact, trees) or {@code integrated_gradients} (MLP, from the training mean)
 * @param base    the logit of the reference reading (trees: the average training row; MLP: the training mean)
 * @param logit   the logit of this reading: {@code base} plus the sum of the contributions
 * @param reasons every reason, largest absolute contribution first
 * @param sensors per raw sensor (and categorical), the contributions of every feature it enters, a derived feature's
 *                share split evenly among its sensors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(String label, String method, double base, double logit, List<Reason> reasons,
                          Map<String, Double> sensors) {

    /** The {@code n} largest reasons by absolute contribution. */
    public List<Reason> top(int n) {
        return reasons == null ? List.of() : reasons.stream().limit(n).toList();
    }
}

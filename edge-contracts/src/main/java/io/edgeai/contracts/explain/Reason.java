package io.edgeai.contracts.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One reason of an {@link Explanation}: the model input columns that depend on the same raw sensors, summed
 * (e.g. tool wear x torque, the overstrain ratio and its excess over the limit are one reason).
 *
 * @param name         in plain words: a sensor ({@code torque}) or the quantity ({@code torque x tool wear})
 * @param sensors      the raw sensors (or categorical) behind it
 * @param features     the model input columns summed into it
 * @param value        the reading's value of that quantity, in {@code unit}
 * @param unit         unit of {@code value} when known ({@code min·Nm})
 * @param limit        where the feature spec puts a rule's limit on that quantity for this reading, when it does
 *                     (e.g. 11000 min·Nm for machine type L)
 * @param limitNote    what the limit depends on ({@code limit for machine_type L}, {@code band 3500-9000})
 * @param contribution log-odds added to the label's logit (positive: towards the label)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String name, List<String> sensors, List<String> features, Double value, String unit,
                     Double limit, String limitNote, double contribution) {
}

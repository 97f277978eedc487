package io.edgeai.contracts.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * model.json's {@code regression} block: the model predicts a quantity (remaining useful life) rather than
 * probabilities. Inference serves it as one FP32 output of three columns, {@link #LABELS} ({@code rul},
 * {@code rul_lower}, {@code rul_upper}); postprocessing turns a low RUL into the {@link #ALERT_LABEL} alert.
 *
 * @param target   what is predicted; {@code rul} is the only kind so far
 * @param unit     {@code cycles} or {@code hours}, as the training CSV counted them
 * @param cap      the piecewise-linear cap the label was clipped to (predictions never exceed it), or null
 * @param interval how {@code rul_lower}/{@code rul_upper} are made from the point prediction
 * @param alert    the default "RUL below" rule of this model (postprocessing's config may override it per model)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Regression(String target, String unit, Double cap, Interval interval, RulAlert alert) {

    /** The output columns of a RUL model, in order. */
    public static final List<String> LABELS = List.of("rul", "rul_lower", "rul_upper");
    /** The alert (mode) name postprocessing raises when the RUL falls below the rule's level. */
    public static final String ALERT_LABEL = "rul_low";
    public static final String RUL = "rul";

    /**
     * A prediction interval as fixed offsets around the point prediction, clipped to {@code [0, cap]}.
     *
     * @param method      how the offsets were found (e.g. validation residual quantiles)
     * @param coverage    the share of held-out truths the interval is meant to hold (e.g. 0.9)
     * @param lowerOffset added to the prediction for {@code rul_lower} (negative or zero)
     * @param upperOffset added to the prediction for {@code rul_upper} (positive or zero)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interval(String method, double coverage, @JsonProperty("lower_offset") double lowerOffset,
                           @JsonProperty("upper_offset") double upperOffset) {
    }

    /**
     * "RUL below N", with hysteresis: raised when the predicted RUL is below {@code below} (debounced like every
     * alert), cleared once it is at or above {@code clearAbove} again.
     *
     * @param below      raise level, in the model's unit
     * @param clearAbove clear level, at least {@code below}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RulAlert(double below, @JsonProperty("clear_above") double clearAbove) {
        public RulAlert {
            if (!(below >= 0 && clearAbove >= below)) {
                throw new IllegalArgumentException("a RUL alert needs 0 <= below <= clear_above, was below=" + below
                        + " clear_above=" + clearAbove);
            }
        }
    }

    /** The served columns of one point prediction: the prediction and its interval, clipped to {@code [0, cap]}. */
    public float[] columns(float prediction) {
        float p = clip(prediction);
        if (interval == null) {
            return new float[] {p, p, p};
        }
        return new float[] {p, clip((float) (p + interval.lowerOffset())), clip((float) (p + interval.upperOffset()))};
    }

    private float clip(float v) {
        float hi = cap == null ? Float.MAX_VALUE : cap.floatValue();
        return Math.max(0f, Math.min(hi, v));
    }
}

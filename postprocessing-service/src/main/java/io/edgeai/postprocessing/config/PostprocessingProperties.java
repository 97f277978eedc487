package io.edgeai.postprocessing.config;

import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.Threshold;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of postprocessing-service ({@code edge.postprocessing.*}), validated at start-up.
 *
 * @param maxBatchSize  most readings in one request
 * @param overallLabel  the label meaning "any failure"; the most likely mode is chosen among the other labels
 * @param configRefresh how long the served version's model.json is trusted before asking inference again
 * @param thresholds    fallback thresholds and per-machine-type overrides of model.json's thresholds
 * @param alerting      debounce, hysteresis, severity and state bounds of alerts
 * @param rebuild       how a device's alert state is rebuilt from data-shard when this instance does not hold it
 * @param rulAlerts     model name to its "RUL below" rule ({@code below}, {@code clear-above}); wins over the rule
 *                      in a remaining-useful-life model's model.json
 */
@Validated
@ConfigurationProperties("edge.postprocessing")
public record PostprocessingProperties(
        @DefaultValue("1000") @Min(1) int maxBatchSize,
        @DefaultValue("machine_failure") @NotBlank String overallLabel,
        @DefaultValue("30s") @NotNull Duration configRefresh,
        @DefaultValue @Valid Thresholds thresholds,
        @DefaultValue @Valid Alerting alerting,
        @DefaultValue @Valid Rebuild rebuild,
        Map<String, Regression.RulAlert> rulAlerts) {

    public PostprocessingProperties {
        rulAlerts = rulAlerts == null ? Map.of() : Map.copyOf(rulAlerts);
    }

    /**
     * Rebuilding a device's alert state (open alerts, debounce memory) from data-shard the first time this instance
     * sees the device: after a restart, an eviction, or on a replica that has not seen it yet.
     *
     * @param enabled    false: a device this instance does not hold starts with no state (the behaviour before)
     * @param retryAfter after data-shard failed to answer, devices are not looked up for this long (they start
     *                   with no state), so an outage does not cost every request a timeout
     */
    public record Rebuild(@DefaultValue("true") boolean enabled,
                          @DefaultValue("10s") @NotNull Duration retryAfter) {
    }

    /**
     * Thresholds beyond model.json.
     *
     * @param fallback     used for a label model.json gives no threshold for
     * @param machineTypes machine type to label to threshold; wins over model.json for readings of that type
     */
    public record Thresholds(Threshold fallback,
                             Map<String, Map<String, Threshold>> machineTypes) {
        public Thresholds {
            fallback = fallback == null ? new Threshold(0.5, 0.3) : fallback;
            machineTypes = machineTypes == null ? Map.of() : Map.copyOf(machineTypes);
        }
    }

    /**
     * Noise suppression: raise when above {@code high} in {@code raiseK} of the last {@code raiseN} readings of a
     * device; clear after {@code clearM} consecutive readings below {@code low}. k and m are at least 2, so one
     * noisy reading can neither raise nor clear an alert.
     *
     * @param raiseK              readings above high needed to raise
     * @param raiseN              readings looked at for raising
     * @param clearM              consecutive readings below low needed to clear
     * @param criticalProbability a raising probability at or above this makes the alert CRITICAL (else MAJOR)
     * @param maxDevices          devices whose alert state is kept; the least recently seen is evicted beyond
     */
    public record Alerting(@DefaultValue("3") @Min(2) int raiseK,
                           @DefaultValue("5") @Min(2) int raiseN,
                           @DefaultValue("3") @Min(2) int clearM,
                           @DefaultValue("0.9") double criticalProbability,
                           @DefaultValue("10000") @Min(1) int maxDevices) {
        public Alerting {
            if (raiseN < raiseK) {
                throw new IllegalArgumentException("edge.postprocessing.alerting.raise-n (" + raiseN
                        + ") must be at least raise-k (" + raiseK + ")");
            }
        }
    }
}

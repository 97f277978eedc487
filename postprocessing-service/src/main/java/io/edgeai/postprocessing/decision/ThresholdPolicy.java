package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.modelclient.ModelConfig;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which threshold applies to a label for a reading: the machine type's override from config, else model.json's
 * threshold for the label, else the configured fallback.
 */
@Component
public class ThresholdPolicy {

    private final PostprocessingProperties.Thresholds thresholds;

    public ThresholdPolicy(PostprocessingProperties properties) {
        this.thresholds = properties.thresholds();
    }

    /** One threshold per label, in label order, for readings of {@code machineType}. */
    public Threshold[] forLabels(List<String> labels, Map<String, Threshold> modelThresholds, String machineType) {
        Map<String, Threshold> overrides = machineType == null ? null : thresholds.machineTypes().get(machineType);
        Threshold[] out = new Threshold[labels.size()];
        for (int i = 0; i < out.length; i++) {
            String label = labels.get(i);
            Threshold t = overrides == null ? null : overrides.get(label);
            if (t == null) {
                t = modelThresholds.get(label);
            }
            out[i] = t == null ? thresholds.fallback() : t;
        }
        return out;
    }

    /** Thresholds per label for a model config and machine type. */
    public Threshold[] forModel(ModelConfig config, List<String> labels, String machineType) {
        return forLabels(labels, config == null ? Map.of() : config.thresholds(), machineType);
    }
}

package io.edgeai.preprocessing.features;

import io.edgeai.contracts.Reading;
import java.util.List;

/**
 * Readings to encode: one {@code reading} or a batch of {@code readings} (not both).
 *
 * @param model    model to encode for; the configured default when absent
 * @param version  model version to pin; the version inference-service serves now when absent
 * @param reading  a single reading
 * @param readings a batch of readings, encoded in order (all-or-nothing)
 */
public record FeatureRequest(String model, String version, Reading reading, List<Reading> readings) {
}

package io.edgeai.contracts.features;

import io.edgeai.contracts.Reading;
import java.util.List;

/**
 * The features hop, gateway -> preprocessing ({@code POST /api/v1/preprocessing/features}): readings to encode, one
 * {@code reading} or a batch of {@code readings} (not both).
 *
 * @param model    model to encode for; preprocessing's configured default when absent
 * @param version  model version to pin; the version inference-service serves now when absent
 * @param reading  a single reading
 * @param readings a batch of readings, encoded in order (all-or-nothing)
 */
public record FeatureRequest(String model, String version, Reading reading, List<Reading> readings) {

    /** A batch request for {@code model} at the served version. */
    public static FeatureRequest batch(String model, List<Reading> readings) {
        return new FeatureRequest(model, null, null, readings);
    }
}

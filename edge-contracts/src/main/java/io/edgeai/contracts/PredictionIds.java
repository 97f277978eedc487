package io.edgeai.contracts;

import java.time.Instant;

/**
 * The id of a prediction: {@code deviceId@timestamp/model/version}. It is derived, never random, so a retried
 * batch maps to the same row and an operator's feedback can name the prediction it is about. The gateway gives it
 * to clients and data-shard fills it in when a client sent none; both call this rule.
 */
public final class PredictionIds {

    private PredictionIds() {
    }

    /** The prediction id of {@code model} version {@code version} for the device's reading at {@code timestamp}. */
    public static String of(String deviceId, Instant timestamp, String model, String version) {
        return deviceId + "@" + timestamp + "/" + model + "/" + version;
    }
}

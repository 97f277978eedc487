package io.edgeai.contracts.oip;

import io.edgeai.contracts.model.ModelNames;

/**
 * The Open Inference Protocol v2 paths the suite calls on inference-service, built in one place. Model names follow
 * {@link ModelNames} and versions are numbers, so neither needs escaping.
 */
public final class OipPaths {

    private OipPaths() {
    }

    /** {@code /v2/models/{model}/versions/{version}/infer}, or the served version's path when version is null. */
    public static String infer(String model, String version) {
        return version == null || version.isBlank()
                ? "/v2/models/" + model + "/infer"
                : "/v2/models/" + model + "/versions/" + version + "/infer";
    }
}

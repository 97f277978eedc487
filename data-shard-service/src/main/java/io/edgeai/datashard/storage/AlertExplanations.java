package io.edgeai.datashard.storage;

import io.edgeai.contracts.explain.Explanation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code alert.explanation} column: the raising reading's {@link Explanation} as JSON text (V3 migration).
 * Reasons past the {@link #MAX_REASONS} largest are dropped so a row stays small whatever the feature spec.
 */
final class AlertExplanations {

    /** Reasons kept per stored explanation (largest first): the dashboard shows three. */
    static final int MAX_REASONS = 8;
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private AlertExplanations() {
    }

    static String write(Explanation e) {
        if (e == null) {
            return null;
        }
        Explanation kept = new Explanation(e.label(), e.method(), e.base(), e.logit(), e.top(MAX_REASONS),
                e.sensors());
        return JSON.writeValueAsString(kept);
    }

    static Explanation read(String json) {
        return json == null ? null : JSON.readValue(json, Explanation.class);
    }
}

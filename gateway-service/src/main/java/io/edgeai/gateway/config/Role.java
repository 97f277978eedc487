package io.edgeai.gateway.config;

import java.util.Locale;

/**
 * What an API key may do; each role includes the ones before it. Kept with the configuration because keys and rate
 * limits are configured per role, and the security filters read it from there.
 */
public enum Role {
    /** Reads: history, status, alerts, model metadata. */
    VIEWER,
    /** Sends readings, runs inference, acknowledges alerts, gives feedback. */
    OPERATOR,
    /** Manages models (load, unload, train, fine-tune, promote), retention and the actuator. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (viewer, operator or admin)");
        }
    }
}

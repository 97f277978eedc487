package io.edgeai.gateway.security;

import java.util.Locale;

/** What an API key may do; each role includes the ones before it. */
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

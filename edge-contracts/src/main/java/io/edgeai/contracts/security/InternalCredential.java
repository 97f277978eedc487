package io.edgeai.contracts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret that internal calls carry in {@value #HEADER}: the gateway adds it to every routed request, and
 * services add it when they call each other. Set by {@code edge.internal.token} (env {@code EDGE_INTERNAL_TOKEN}).
 */
public record InternalCredential(String token) {

    /** The header carrying the credential. */
    public static final String HEADER = "X-Edge-Internal-Token";

    /** True when a token is configured and calls must carry it. */
    public boolean enforced() {
        return token != null && !token.isBlank();
    }

    /** Constant-time check of a presented token. */
    public boolean accepts(String presented) {
        if (!enforced()) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}

package io.edgeai.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's protection of the suite.
 *
 * @param enabled      when false every caller is an admin (only for a closed lab network; logged loudly)
 * @param apiKeys      keys from configuration: name, role and the SHA-256 hex of the key (never the key itself)
 * @param apiKeysFile  a file of {@code name:role:sha256hex} lines, e.g. a mounted Kubernetes Secret; re-read on change
 * @param internalToken the credential the gateway adds to every call to an internal service
 * @param rateLimits   requests per second and burst per role, applied per API key
 * @param maxBodySize  largest request body accepted (413 above)
 * @param maxUploadSize largest body of a CSV upload to train a model ({@link #UPLOAD_PATHS}); inference-service has
 *                     its own limit (EDGE_TRAIN_MAX_UPLOAD_SIZE, 50 MB by default)
 */
@ConfigurationProperties("edge.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        List<ApiKeyEntry> apiKeys,
        Path apiKeysFile,
        String internalToken,
        Map<Role, RateLimit> rateLimits,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("50MB") DataSize maxUploadSize) {

    /** Paths whose bodies are training data, allowed up to {@code maxUploadSize}. */
    public static final java.util.List<String> UPLOAD_PATHS = java.util.List.of("/v2/repository/models/*/train");

    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        // Empty environment variables arrive as "": treat them as unset.
        apiKeysFile = apiKeysFile == null || apiKeysFile.toString().isBlank() ? null : apiKeysFile;
        internalToken = internalToken == null || internalToken.isBlank() ? null : internalToken;
    }

    /** One configured key. */
    public record ApiKeyEntry(String name, Role role, String sha256) {
    }

    /** A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. */
    public record RateLimit(long perSecond, long burst) {
    }
}

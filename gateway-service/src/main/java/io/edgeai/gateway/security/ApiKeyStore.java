package io.edgeai.gateway.security;

import io.edgeai.gateway.config.Role;
import io.edgeai.gateway.config.SecurityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys the gateway accepts, held only as SHA-256 hashes. Keys come from configuration and from a file of
 * {@code name:role:sha256hex} lines (a mounted Kubernetes Secret), which is re-read when it changes so keys rotate
 * without a restart.
 */
@Component
public class ApiKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyStore.class);

    private final List<SecurityProperties.ApiKeyEntry> configured;
    private final Path file;
    private volatile Map<String, ApiKey> byHash;
    private volatile FileTime fileVersion;
    private volatile long lastCheck = System.nanoTime();

    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    public ApiKeyStore(SecurityProperties properties) {
        this.configured = properties.apiKeys();
        this.file = properties.apiKeysFile();
        this.byHash = load();
        if (properties.enabled() && byHash.isEmpty()) {
            log.warn("No API keys configured: every request except health will be refused with 401. "
                    + "Set edge.security.api-keys or edge.security.api-keys-file (./edge up generates demo keys).");
        }
    }

    /** The caller a presented key belongs to, if any. */
    public Optional<ApiKey> find(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        reloadIfChanged();
        return Optional.ofNullable(byHash.get(sha256(presentedKey)));
    }

    public int size() {
        return byHash.size();
    }

    /** Lower-case hex SHA-256 of a key, as stored in configuration. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reloadIfChanged() {
        long now = System.nanoTime();
        // At most one stat a second: this runs on the event loop for every request, and rotation is not urgent.
        if (file == null || now - lastCheck < CHECK_INTERVAL_NANOS) {
            return;
        }
        lastCheck = now;
        try {
            FileTime current = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            if (current != null && !current.equals(fileVersion)) {
                byHash = load();
                log.info("Reloaded API keys from {} ({} keys)", file, byHash.size());
            }
        } catch (IOException e) {
            log.warn("Cannot check API key file {}: {}", file, e.getMessage());
        }
    }

    private synchronized Map<String, ApiKey> load() {
        Map<String, ApiKey> keys = new HashMap<>();
        for (SecurityProperties.ApiKeyEntry e : configured) {
            put(keys, e.name(), e.role(), e.sha256(), "edge.security.api-keys");
        }
        if (file != null && Files.exists(file)) {
            try {
                fileVersion = Files.getLastModifiedTime(file);
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split(":");
                    if (parts.length != 3) {
                        throw new IllegalArgumentException(file + " line " + (i + 1)
                                + ": expected name:role:sha256hex");
                    }
                    put(keys, parts[0].trim(), Role.parse(parts[1]), parts[2].trim(), file + " line " + (i + 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read API key file " + file, e);
            }
        }
        return Map.copyOf(keys);
    }

    private static void put(Map<String, ApiKey> keys, String name, Role role, String hash, String where) {
        if (name == null || name.isBlank() || role == null || hash == null
                || !hash.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(where + ": an API key needs a name, a role and a 64-hex-digit "
                    + "sha256 (store the hash, never the key)");
        }
        keys.put(hash.toLowerCase(Locale.ROOT), new ApiKey(name, role));
    }
}

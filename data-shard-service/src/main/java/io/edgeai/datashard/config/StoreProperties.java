package io.edgeai.datashard.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the shards are stored.
 *
 * @param kind             {@code h2} (a file database per shard under edge.shards.data-dir) or {@code postgres}
 *                         (a schema per shard in one PostgreSQL database; set by the {@code postgres} profile)
 * @param encryptionKey    when set, H2 files are encrypted with AES under this key (never logged); empty means
 *                         plain files. An existing shard must be opened with the key it was created with.
 * @param poolSize         JDBC connections per shard
 * @param maxBatchRecords  most records (readings + predictions + alert events) one batch may carry
 * @param h2CacheKb        H2 page cache per shard in KiB; H2's default (64 MiB) times 16 shards would outgrow
 *                         the heap of a small box
 * @param durability       when a write is acknowledged (H2): {@code os} once committed to the shard file (survives
 *                         a killed process; a power cut can lose the last moments), {@code fsync} once the file is
 *                         also forced to disk after the commit (survives a power cut). PostgreSQL ignores it: its
 *                         own {@code synchronous_commit} decides.
 * @param postgres         the PostgreSQL connection used when kind is postgres
 */
@Validated
@ConfigurationProperties("edge.store")
public record StoreProperties(
        @DefaultValue("h2") @NotNull Kind kind,
        @DefaultValue("") String encryptionKey,
        @DefaultValue("4") @Min(1) @Max(64) int poolSize,
        @DefaultValue("20000") @Min(1) int maxBatchRecords,
        @DefaultValue("8192") @Min(256) int h2CacheKb,
        @DefaultValue("fsync") @NotNull Durability durability,
        @DefaultValue Postgres postgres) {

    /** The supported stores. */
    public enum Kind { H2, POSTGRES }

    /** When an H2 write is acknowledged: committed to the file ({@code os}) or also forced to disk ({@code fsync}). */
    public enum Durability { OS, FSYNC }

    /**
     * PostgreSQL settings.
     *
     * @param url          JDBC URL of the database
     * @param username     user
     * @param password     password (empty for trust authentication)
     * @param schemaPrefix schema name prefix; shard 7 lives in schema {@code <prefix>07}
     */
    public record Postgres(
            @DefaultValue("jdbc:postgresql://127.0.0.1:5432/test") @NotBlank String url,
            @DefaultValue("postgres") String username,
            @DefaultValue("") String password,
            @DefaultValue("edge_shard_") @NotBlank String schemaPrefix) {
    }

    public boolean encrypted() {
        return encryptionKey != null && !encryptionKey.isBlank();
    }
}

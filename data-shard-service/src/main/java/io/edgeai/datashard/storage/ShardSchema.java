package io.edgeai.datashard.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a shard's tables to the current schema: the versioned SQL migrations under {@code db/shard} on the class
 * path ({@code V1__shard_schema.sql}, {@code V2__...}), applied by Flyway to every shard when it is opened, in SQL
 * that H2 and PostgreSQL both accept. Each shard keeps its own {@code flyway_schema_history}, so shards are upgraded
 * one by one and a shard file copied from another box carries its version with it.
 *
 * <ul>
 *   <li>A new shard runs every migration from V1.</li>
 *   <li>A shard written before Flyway (tables, no history table) is baselined at version 0 and then runs V1, whose
 *       statements are all {@code IF NOT EXISTS}: it completes a schema an interrupted first start left partial and
 *       changes nothing else; later versions follow as for any shard.</li>
 *   <li>A shard already migrated by a newer release (a rollback) opens: versions this release does not know are
 *       ignored, as Flyway does by default for "future" migrations.</li>
 * </ul>
 * Each migration runs in a transaction on both databases (DDL is transactional in H2 and PostgreSQL), so a failed
 * migration leaves the shard at the previous version and the service does not start.
 */
final class ShardSchema {

    /** Where the migrations live on the class path. */
    static final String LOCATION = "classpath:db/shard";

    private static final Logger log = LoggerFactory.getLogger(ShardSchema.class);

    private ShardSchema() {
    }

    /**
     * Migrates the shard behind {@code dataSource}; {@code schema} is its PostgreSQL schema (created by the caller),
     * null for an H2 file (its default schema).
     */
    static MigrateResult migrate(DataSource dataSource, String name, String schema) {
        var config = Flyway.configure(ShardSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("shard created before Flyway")
                .createSchemas(false);
        if (schema != null) {
            config.schemas(schema);
        }
        try {
            MigrateResult result = config.load().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("{}: schema migrated from version {} to {} ({} migration(s))", name,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            return result;
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + ": cannot bring the shard's schema up to date: " + e.getMessage(),
                    e);
        }
    }
}

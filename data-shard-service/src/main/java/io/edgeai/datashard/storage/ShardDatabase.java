package io.edgeai.datashard.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.edgeai.datashard.config.StoreProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens one shard's database: its own H2 file ({@code shard-07.mv.db}) or its own PostgreSQL schema.
 *
 * <p>H2 runs with {@code WRITE_DELAY=0}: a commit writes its MVStore chunk to the file before the statement
 * returns, so a killed process loses no committed transaction (the default delay of 500 ms would). Pages are
 * split at 4 KiB instead of 16 KiB: every commit rewrites the B-tree leaves it touched, and a batch spread over
 * many devices touches many leaves, so smaller leaves roughly double batched write throughput.
 */
public final class ShardDatabase {

    private ShardDatabase() {
    }

    /** The base name of a shard's files and schema suffix: two digits, so they sort. */
    public static String name(int shard) {
        return String.format("shard-%02d", shard);
    }

    /** The JDBC URL of an H2 shard file. */
    public static String h2Url(Path dataDir, int shard, boolean encrypted) {
        String file = dataDir.toAbsolutePath().resolve(name(shard)).toString().replace('\\', '/');
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;PAGE_SIZE=4096;DB_CLOSE_ON_EXIT=FALSE"
                + (encrypted ? ";CIPHER=AES" : "");
    }

    /** Opens (creating when missing) the shard's database and brings its tables to the current schema. */
    public static HikariDataSource open(StoreProperties store, Path dataDir, int shard) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name(shard));
        config.setMaximumPoolSize(store.poolSize());
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        if (store.kind() == StoreProperties.Kind.POSTGRES) {
            String schema = postgresSchema(store, shard);
            config.setJdbcUrl(store.postgres().url());
            config.setUsername(store.postgres().username());
            config.setPassword(store.postgres().password());
            config.setSchema(schema);
            createSchema(store, schema);
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create edge.shards.data-dir " + dataDir, e);
            }
            config.setJdbcUrl(h2Url(dataDir, shard, store.encrypted()) + ";CACHE_SIZE=" + store.h2CacheKb());
            config.setUsername("sa");
            // H2 takes "<file password> <user password>" when the file is encrypted.
            config.setPassword(store.encrypted() ? store.encryptionKey() + " " : "");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            ShardSchema.migrate(dataSource, name(shard),
                    store.kind() == StoreProperties.Kind.POSTGRES ? postgresSchema(store, shard) : null);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** The PostgreSQL schema of a shard: {@code <prefix>07}. */
    public static String postgresSchema(StoreProperties store, int shard) {
        return store.postgres().schemaPrefix() + String.format("%02d", shard);
    }

    private static void createSchema(StoreProperties store, String schema) {
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("edge.store.postgres.schema-prefix must make a plain SQL name: " + schema);
        }
        try (Connection c = java.sql.DriverManager.getConnection(store.postgres().url(), store.postgres().username(),
                store.postgres().password()); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create PostgreSQL schema " + schema + ": " + e.getMessage(), e);
        }
    }
}

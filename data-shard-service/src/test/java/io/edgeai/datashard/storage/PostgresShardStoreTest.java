package io.edgeai.datashard.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.datashard.config.StoreProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on PostgreSQL (profile {@code postgres}): runs against the local server at
 * 127.0.0.1:5432/test when it answers, and is skipped otherwise. Each run uses its own schema.
 */
class PostgresShardStoreTest extends ShardStoreContract {

    static final String URL = System.getProperty("edge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PREFIX = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_shard_";
    static String user;

    @BeforeAll
    static void reachable() {
        user = reachableUser();
        assumeTrue(user != null, "no PostgreSQL at " + URL + "; skipping the PostgreSQL store tests");
    }

    static String reachableUser() {
        DriverManager.setLoginTimeout(2);
        for (String candidate : new String[] {"postgres", "root"}) {
            try (Connection c = DriverManager.getConnection(URL + "?connectTimeout=2", candidate, "")) {
                return candidate;
            } catch (SQLException e) {
                // try the next user, or skip
            }
        }
        return null;
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (user == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, user, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PREFIX + "07 CASCADE");
        }
    }

    @Override
    ShardStore openStore() {
        StoreProperties props = H2ShardStoreTest.properties(Map.of("edge.store.kind", "postgres",
                "edge.store.postgres.url", URL, "edge.store.postgres.username", user,
                "edge.store.postgres.schema-prefix", PREFIX));
        ShardStore store = new ShardStore(7, ShardDatabase.open(props, null, 7), "pg");
        // Each test starts from empty tables, as the H2 tests do with a fresh directory; the store is opened again
        // on them so it remembers no device of an earlier test.
        for (String table : new String[] {"reading", "prediction", "alert", "alert_event", "feedback",
                "ingest_batch", "device_status", "note"}) {
            new org.springframework.jdbc.core.JdbcTemplate(store.dataSource()).execute("DELETE FROM " + table);
        }
        store.close();
        return new ShardStore(7, ShardDatabase.open(props, null, 7), "pg");
    }
}

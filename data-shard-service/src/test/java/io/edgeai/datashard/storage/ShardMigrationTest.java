package io.edgeai.datashard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.datashard.config.StoreProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A shard written by the release before Flyway (its tables made by {@code CREATE ... IF NOT EXISTS}, no schema
 * history) is opened by this release and upgraded in place: every row is still there and readable, the schema
 * history says where it stands, and opening it again runs nothing. On H2 always, on PostgreSQL when one answers.
 */
class ShardMigrationTest {

    /** The schema of the previous release exactly: its ShardSchema statements, copied here as the fixture. */
    static final String[] PREVIOUS_SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS ingest_batch (
          batch_id VARCHAR(128) PRIMARY KEY,
          digest VARCHAR(64) NOT NULL,
          readings INT NOT NULL,
          predictions INT NOT NULL,
          alert_events INT NOT NULL,
          stored_us BIGINT NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS reading (
          device_id VARCHAR(64) NOT NULL,
          ts_us BIGINT NOT NULL,
          machine_type VARCHAR(16),
          sensors VARCHAR(16000) NOT NULL,
          PRIMARY KEY (device_id, ts_us))""",
        "CREATE INDEX IF NOT EXISTS reading_ts ON reading(ts_us)",
        """
        CREATE TABLE IF NOT EXISTS prediction (
          prediction_id VARCHAR(300) PRIMARY KEY,
          device_id VARCHAR(64) NOT NULL,
          ts_us BIGINT NOT NULL,
          model VARCHAR(128) NOT NULL,
          model_version VARCHAR(32) NOT NULL,
          status VARCHAR(32) NOT NULL,
          predicted_class VARCHAR(64),
          probabilities VARCHAR(4000) NOT NULL,
          batch_id VARCHAR(128) NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS prediction_device_ts ON prediction(device_id, ts_us)",
        "CREATE INDEX IF NOT EXISTS prediction_ts ON prediction(ts_us)",
        """
        CREATE TABLE IF NOT EXISTS alert (
          alert_id VARCHAR(200) PRIMARY KEY,
          device_id VARCHAR(64) NOT NULL,
          failure_mode VARCHAR(64) NOT NULL,
          severity VARCHAR(16) NOT NULL,
          state VARCHAR(16) NOT NULL,
          raised_us BIGINT,
          acknowledged_us BIGINT,
          acknowledged_by VARCHAR(128),
          confirmed BOOLEAN,
          note VARCHAR(1000),
          cleared_us BIGINT,
          updated_us BIGINT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS alert_state ON alert(state)",
        "CREATE INDEX IF NOT EXISTS alert_device ON alert(device_id)",
        """
        CREATE TABLE IF NOT EXISTS alert_event (
          event_id VARCHAR(240) PRIMARY KEY,
          alert_id VARCHAR(200) NOT NULL,
          device_id VARCHAR(64) NOT NULL,
          ts_us BIGINT NOT NULL,
          event_type VARCHAR(16) NOT NULL,
          severity VARCHAR(16),
          failure_mode VARCHAR(64),
          actor VARCHAR(128),
          batch_id VARCHAR(128))""",
        "CREATE INDEX IF NOT EXISTS alert_event_ts ON alert_event(ts_us)",
        """
        CREATE TABLE IF NOT EXISTS feedback (
          feedback_id VARCHAR(128) PRIMARY KEY,
          prediction_id VARCHAR(300) NOT NULL,
          device_id VARCHAR(64) NOT NULL,
          reading_ts_us BIGINT NOT NULL,
          correct BOOLEAN NOT NULL,
          actual_failure_mode VARCHAR(64),
          given_by VARCHAR(128) NOT NULL,
          given_us BIGINT NOT NULL,
          note VARCHAR(1000))""",
        "CREATE INDEX IF NOT EXISTS feedback_prediction ON feedback(prediction_id)",
        "CREATE INDEX IF NOT EXISTS feedback_reading ON feedback(device_id, reading_ts_us)",
        """
        CREATE TABLE IF NOT EXISTS device_status (
          device_id VARCHAR(64) PRIMARY KEY,
          prediction_us BIGINT,
          prediction_id VARCHAR(300),
          status VARCHAR(32),
          predicted_class VARCHAR(64),
          model VARCHAR(128),
          model_version VARCHAR(32))""",
    };

    /** Rows as the previous release wrote them: two readings, a prediction, an alert, its event, feedback. */
    static final String[] PREVIOUS_ROWS = {
        "INSERT INTO ingest_batch VALUES ('b-old', 'digest', 2, 1, 1, 1764324000000000)",
        "INSERT INTO reading VALUES ('press-7', 1764324000000000, 'M',"
                + " '{\"torque\":{\"value\":42.8,\"unit\":\"Nm\"}}')",
        "INSERT INTO reading VALUES ('press-7', 1764324001000000, 'M',"
                + " '{\"torque\":{\"value\":43.1,\"unit\":\"Nm\"}}')",
        "INSERT INTO prediction VALUES ('press-7@2025-11-28T10:00:00Z/ai4i-failure/3', 'press-7', 1764324000000000,"
                + " 'ai4i-failure', '3', 'FAILURE', 'TWF', '{\"none\":0.1,\"TWF\":0.9}', 'b-old')",
        "INSERT INTO alert VALUES ('press-7:TWF:1', 'press-7', 'TWF', 'critical', 'RAISED', 1764324000000000,"
                + " NULL, NULL, NULL, NULL, NULL, 1764324000000000)",
        "INSERT INTO alert_event VALUES ('press-7:TWF:1/RAISED', 'press-7:TWF:1', 'press-7', 1764324000000000,"
                + " 'RAISED', 'critical', 'TWF', NULL, 'b-old')",
        "INSERT INTO feedback VALUES ('fb-1', 'press-7@2025-11-28T10:00:00Z/ai4i-failure/3', 'press-7',"
                + " 1764324000000000, FALSE, 'HDF', 'olga', 1764324005000000, 'it was heat')",
        "INSERT INTO device_status VALUES ('press-7', 1764324000000000,"
                + " 'press-7@2025-11-28T10:00:00Z/ai4i-failure/3', 'FAILURE', 'TWF', 'ai4i-failure', '3')",
    };

    static final List<String> TABLES = List.of("ingest_batch", "reading", "prediction", "alert", "alert_event",
            "feedback", "note");

    @TempDir
    Path dir;

    @Test
    void anH2ShardOfThePreviousReleaseIsUpgradedWithNoRowLost() throws SQLException {
        try (Connection c = DriverManager.getConnection(ShardDatabase.h2Url(dir, 5, false), "sa", "")) {
            writePrevious(c);
        }
        StoreProperties props = H2ShardStoreTest.properties(Map.of());
        try (ShardStore store = new ShardStore(5, ShardDatabase.open(props, dir, 5), "h2")) {
            assertUpgradedWithEveryRow(store);
        }
        try (ShardStore store = new ShardStore(5, ShardDatabase.open(props, dir, 5), "h2")) {
            assertThat(history(store)).as("a second open runs nothing").hasSize(1 + latestVersion());
            assertThat(store.count("reading")).isEqualTo(2);
        }
    }

    @Test
    void aNewH2ShardRunsEveryMigrationFromTheFirst() {
        try (ShardStore store = new ShardStore(2, ShardDatabase.open(H2ShardStoreTest.properties(Map.of()), dir, 2),
                "h2")) {
            List<String> versions = history(store);
            assertThat(versions).first().isEqualTo("1");
            assertThat(versions).last().isEqualTo(String.valueOf(latestVersion()));
            for (String table : TABLES) {
                assertThat(store.count(table)).isZero();
            }
        }
    }

    @Test
    void aPostgresShardOfThePreviousReleaseIsUpgradedWithNoRowLost() throws SQLException {
        String user = PostgresShardStoreTest.reachableUser();
        assumeTrue(user != null, "no PostgreSQL at " + PostgresShardStoreTest.URL + "; skipping");
        String prefix = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_shard_";
        String schema = prefix + "05";
        try (Connection c = DriverManager.getConnection(PostgresShardStoreTest.URL, user, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path TO " + schema);
            writePrevious(c);
        }
        StoreProperties props = H2ShardStoreTest.properties(Map.of("edge.store.kind", "postgres",
                "edge.store.postgres.url", PostgresShardStoreTest.URL, "edge.store.postgres.username", user,
                "edge.store.postgres.schema-prefix", prefix));
        try {
            try (ShardStore store = new ShardStore(5, ShardDatabase.open(props, null, 5), "pg")) {
                assertUpgradedWithEveryRow(store);
            }
            try (ShardStore store = new ShardStore(5, ShardDatabase.open(props, null, 5), "pg")) {
                assertThat(history(store)).hasSize(1 + latestVersion());
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PostgresShardStoreTest.URL, user, "");
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void writePrevious(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String ddl : PREVIOUS_SCHEMA) {
                st.execute(ddl);
            }
            for (String row : PREVIOUS_ROWS) {
                st.execute(row);
            }
        }
    }

    private static void assertUpgradedWithEveryRow(ShardStore store) {
        List<String> versions = history(store);
        assertThat(versions).as("baselined, then every migration").first().isEqualTo("0");
        assertThat(versions).hasSize(1 + latestVersion()).last().isEqualTo(String.valueOf(latestVersion()));
        assertThat(store.count("reading")).isEqualTo(2);
        assertThat(store.count("prediction")).isEqualTo(1);
        assertThat(store.count("alert")).isEqualTo(1);
        assertThat(store.count("alert_event")).isEqualTo(1);
        assertThat(store.count("feedback")).isEqualTo(1);
        assertThat(store.count("ingest_batch")).isEqualTo(1);
        assertThat(store.history().page("press-7", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, 10))
                .hasSize(2)
                .first().satisfies(r -> {
                    assertThat(r.sensors().get("torque").value()).isEqualTo(43.1);
                });
        assertThat(store.ingested().digest("b-old")).contains("digest");
        assertThat(store.count("note")).as("V2 added the notes table").isZero();
    }

    /** The applied versions, in order, from the shard's own schema history. */
    private static List<String> history(ShardStore store) {
        return new JdbcTemplate(store.dataSource()).queryForList(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                String.class);
    }

    /** The highest migration version this release ships (V4: a prediction's remaining useful life). */
    static int latestVersion() {
        return 4;
    }
}

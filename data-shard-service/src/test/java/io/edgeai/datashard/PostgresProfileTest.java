package io.edgeai.datashard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.datashard.ingest.BatchWriter;
import io.edgeai.datashard.sharding.ShardRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service under the {@code postgres} profile: one schema per shard. Skipped without a local PostgreSQL. */
@SpringBootTest(properties = {"edge.shards.count=2", "edge.retention.enabled=false"})
@ActiveProfiles("postgres")
class PostgresProfileTest {

    static final String URL = System.getProperty("edge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PREFIX = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    static String user;

    @BeforeAll
    static void reachable() {
        DriverManager.setLoginTimeout(2);
        for (String candidate : new String[] {"postgres", "root"}) {
            try (Connection c = DriverManager.getConnection(URL + "?connectTimeout=2", candidate, "")) {
                user = candidate;
                break;
            } catch (SQLException e) {
                // next candidate
            }
        }
        assumeTrue(user != null, "no PostgreSQL at " + URL);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("edge.store.postgres.url", () -> URL);
        registry.add("edge.store.postgres.username", () -> user);
        registry.add("edge.store.postgres.schema-prefix", () -> PREFIX);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (user == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, user, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PREFIX + "00 CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + PREFIX + "01 CASCADE");
        }
    }

    @Autowired
    BatchWriter writer;

    @Autowired
    ShardRegistry shards;

    @Test
    void eachShardIsItsOwnSchemaAndBatchesRoundTrip() throws SQLException {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        List<Reading> readings = List.of("pg-a", "pg-b", "pg-c", "pg-d").stream()
                .map(d -> new Reading(d, t, "L", Map.of("torque", new Reading.Measurement(40.0, "Nm"))))
                .toList();
        StorageBatch batch = new StorageBatch("pg-batch", readings, List.of(), List.of());
        assertThat(writer.write(batch).readings()).isEqualTo(4);
        assertThat(writer.write(batch).duplicate()).isTrue();

        long total = 0;
        try (Connection c = DriverManager.getConnection(URL, user, ""); Statement st = c.createStatement()) {
            for (String schema : new String[] {PREFIX + "00", PREFIX + "01"}) {
                var rs = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".reading");
                rs.next();
                total += rs.getLong(1);
            }
        }
        assertThat(total).isEqualTo(4);
        assertThat(shards.forDevice("deviceId", "pg-a").history().page("pg-a", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, 10))
                .singleElement().satisfies(r -> assertThat(r.timestamp()).isEqualTo(t));
        assertThat(shards.owned()).allMatch(s -> s.location().startsWith("postgres schema " + PREFIX));
    }
}

package io.edgeai.datashard.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The time format of every shard table: epoch microseconds in a BIGINT, exact and portable across H2 and PostgreSQL. */
public final class EpochMicros {

    private EpochMicros() {
    }

    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static Instant column(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : toInstant(v);
    }
}

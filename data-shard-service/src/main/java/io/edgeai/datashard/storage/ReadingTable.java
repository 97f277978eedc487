package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code reading} table, keyed by (device, time): a reading sent twice is stored once.
 *
 * <p>Rows are inserted only inside a shard's write transaction and are acknowledged only after it commits, so a
 * killed process loses no acknowledged reading; they leave only through retention.
 */
public final class ReadingTable {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;

    ReadingTable(JdbcTemplate jdbc, WriteTransactions writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** A reading's identity: device and time. */
    record Key(String deviceId, long micros) {
    }

    /**
     * Inserts the readings; with {@code careful} those already stored are looked up first and skipped, without it
     * a stored one makes the insert fail with a duplicate key (the caller retries carefully).
     */
    Inserted insert(List<Reading> readings, boolean careful) {
        writes.require();
        if (readings.isEmpty()) {
            return Inserted.NOTHING;
        }
        Set<Key> existing = careful ? stored(readings) : new HashSet<>();
        List<Object[]> rows = new ArrayList<>(readings.size());
        int skipped = 0;
        for (Reading r : readings) {
            long us = EpochMicros.of(r.timestamp());
            if (!existing.add(new Key(r.deviceId(), us))) {
                skipped++;
                continue;
            }
            rows.add(new Object[] {r.deviceId(), us, r.machineType(), SensorJson.write(r.sensors())});
        }
        // No batch id per reading: the readings table is the big one, and ingest_batch already records batches.
        jdbc.batchUpdate("INSERT INTO reading (device_id, ts_us, machine_type, sensors) VALUES (?, ?, ?, ?)", rows);
        return new Inserted(rows.size(), skipped);
    }

    /** The keys among these readings' devices and time ranges that are stored already. */
    private Set<Key> stored(List<Reading> readings) {
        Map<String, long[]> ranges = new HashMap<>();
        for (Reading r : readings) {
            long us = EpochMicros.of(r.timestamp());
            ranges.merge(r.deviceId(), new long[] {us, us},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Set<Key> existing = new HashSet<>();
        ranges.forEach((device, range) -> jdbc.query(
                "SELECT ts_us FROM reading WHERE device_id = ? AND ts_us BETWEEN ? AND ?",
                rs -> {
                    existing.add(new Key(device, rs.getLong(1)));
                }, device, range[0], range[1]));
        return existing;
    }

    /** A device's readings in [fromUs, toUs), newest or oldest first, each with an empty list for its predictions. */
    List<StoredReading> page(String deviceId, long fromUs, long toUs, boolean newestFirst, long offset, int limit) {
        // device_id is fixed, but naming it in ORDER BY lets H2 walk the (device_id, ts_us) key in either
        // direction instead of sorting all of the device's rows: 1 ms instead of 50 ms with 10,000 rows a device.
        String direction = newestFirst ? "DESC" : "ASC";
        return jdbc.query("SELECT ts_us, machine_type, sensors FROM reading WHERE device_id = ?"
                        + " AND ts_us >= ? AND ts_us < ? ORDER BY device_id " + direction + ", ts_us " + direction
                        + " LIMIT ? OFFSET ?",
                (rs, i) -> new StoredReading(EpochMicros.toInstant(rs.getLong(1)), rs.getString(2),
                        SensorJson.read(rs.getString(3)), new ArrayList<>()),
                deviceId, fromUs, toUs, limit, offset);
    }

    /** The reading of a device at an exact time, without its predictions. */
    public Optional<StoredReading> at(String deviceId, long tsUs) {
        return jdbc.query("SELECT machine_type, sensors FROM reading WHERE device_id = ? AND ts_us = ?",
                (rs, i) -> new StoredReading(EpochMicros.toInstant(tsUs), rs.getString(1),
                        SensorJson.read(rs.getString(2)), List.of()), deviceId, tsUs).stream().findFirst();
    }

    /** The time of a device's last reading, from the (device, time) key: one index probe, nothing to maintain. */
    Optional<Long> lastMicros(String deviceId) {
        return jdbc.queryForList("SELECT ts_us FROM reading WHERE device_id = ?"
                + " ORDER BY device_id DESC, ts_us DESC LIMIT 1", Long.class, deviceId).stream().findFirst();
    }
}

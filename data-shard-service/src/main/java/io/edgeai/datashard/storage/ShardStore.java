package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.ingest.StorageBatch.AlertEvent;
import io.edgeai.datashard.ingest.StorageBatch.Prediction;
import io.edgeai.datashard.storage.StoredRecords.Alert;
import io.edgeai.datashard.storage.StoredRecords.DeviceStatus;
import io.edgeai.datashard.storage.StoredRecords.Feedback;
import io.edgeai.datashard.storage.StoredRecords.LabelledReading;
import io.edgeai.datashard.storage.StoredRecords.PredictionRef;
import io.edgeai.datashard.storage.StoredRecords.RetentionResult;
import io.edgeai.datashard.storage.StoredRecords.StoredPrediction;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * All reads and writes of one shard's database, each write in one transaction.
 *
 * <p>Writers of a shard are serialised by {@link #writeLock()}: a shard has exactly one owner process, so a JVM lock
 * is enough to make "check for duplicates, then insert" race-free, and one writer per embedded database is also
 * the fastest way to feed H2. Readers never take the lock.
 */
public class ShardStore implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Reading.Measurement>> SENSORS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> PROBABILITIES = new TypeReference<>() { };
    private static final int IN_CHUNK = 500;

    private final int shard;
    private final DataSource dataSource;
    private final String location;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Devices that have a device_status row; written only after a commit, read only under the write lock. */
    private final Set<String> knownDevices = new HashSet<>();

    public ShardStore(int shard, DataSource dataSource, String location) {
        this.shard = shard;
        this.dataSource = dataSource;
        this.location = location;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.knownDevices.addAll(jdbc.queryForList("SELECT device_id FROM device_status", String.class));
    }

    public int shard() {
        return shard;
    }

    /** Where the shard lives (file path or schema), for health and logs; never contains secrets. */
    public String location() {
        return location;
    }

    DataSource dataSource() {
        return dataSource;
    }

    public ReentrantLock writeLock() {
        return writeLock;
    }

    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : instant(v);
    }

    // ------------------------------------------------------------------ writes

    /** The digest a batch id was stored with in this shard, if it was. */
    public Optional<String> batchDigest(String batchId) {
        List<String> found = jdbc.queryForList("SELECT digest FROM ingest_batch WHERE batch_id = ?", String.class,
                batchId);
        return found.stream().findFirst();
    }

    /**
     * Stores this shard's part of a batch in one transaction: all of it or nothing. Records already stored are
     * skipped. The caller holds {@link #writeLock()} and has checked {@link #batchDigest(String)}.
     */
    public WriteResult write(String batchId, String digest, List<Reading> readings, List<Prediction> predictions,
                             List<AlertEvent> alerts) {
        requireLock();
        // Most batches are new: insert without looking for duplicates first and let the primary keys object.
        // Only when they do (a record stored before under another batch id) is the batch redone record by record.
        if (alerts.isEmpty() && !hasInternalDuplicates(readings, predictions)) {
            try {
                return writeTransaction(batchId, digest, readings, predictions, alerts, false);
            } catch (DuplicateKeyException e) {
                // fall through to the careful path; the failed attempt was rolled back as a whole
            }
        }
        return writeTransaction(batchId, digest, readings, predictions, alerts, true);
    }

    private WriteResult writeTransaction(String batchId, String digest, List<Reading> readings,
                                         List<Prediction> predictions, List<AlertEvent> alerts, boolean careful) {
        Set<String> newDevices = new HashSet<>();
        WriteResult result = tx.execute(status -> {
            int[] skipped = {0};
            int r = insertReadings(readings, skipped, careful);
            int p = insertPredictions(batchId, predictions, skipped, careful);
            int a = applyAlertEvents(batchId, alerts, skipped);
            updateDeviceStatus(readings, predictions, newDevices);
            jdbc.update("INSERT INTO ingest_batch (batch_id, digest, readings, predictions, alert_events, stored_us)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", batchId, digest, r, p, a, micros(Instant.now()));
            return new WriteResult(shard, false, r, p, a, skipped[0]);
        });
        knownDevices.addAll(newDevices);
        return result;
    }

    /** A reading's identity: device and time. */
    private record ReadingKey(String deviceId, long micros) {
    }

    private static boolean hasInternalDuplicates(List<Reading> readings, List<Prediction> predictions) {
        Set<ReadingKey> keys = new HashSet<>();
        for (Reading r : readings) {
            if (!keys.add(new ReadingKey(r.deviceId(), micros(r.timestamp())))) {
                return true;
            }
        }
        Set<String> ids = new HashSet<>();
        for (Prediction p : predictions) {
            if (!ids.add(p.effectiveId())) {
                return true;
            }
        }
        return false;
    }

    private int insertReadings(List<Reading> readings, int[] skipped, boolean careful) {
        if (readings.isEmpty()) {
            return 0;
        }
        Set<ReadingKey> existing = new HashSet<>();
        Map<String, long[]> ranges = new HashMap<>();
        for (Reading r : careful ? readings : List.<Reading>of()) {
            long us = micros(r.timestamp());
            ranges.merge(r.deviceId(), new long[] {us, us},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        ranges.forEach((device, range) -> jdbc.query(
                "SELECT ts_us FROM reading WHERE device_id = ? AND ts_us BETWEEN ? AND ?",
                rs -> {
                    existing.add(new ReadingKey(device, rs.getLong(1)));
                }, device, range[0], range[1]));
        List<Object[]> rows = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            long us = micros(r.timestamp());
            if (!existing.add(new ReadingKey(r.deviceId(), us))) {
                skipped[0]++;
                continue;
            }
            rows.add(new Object[] {r.deviceId(), us, r.machineType(), SensorJson.write(r.sensors())});
        }
        // No batch id per reading: the readings table is the big one, and ingest_batch already records batches.
        jdbc.batchUpdate("INSERT INTO reading (device_id, ts_us, machine_type, sensors) VALUES (?, ?, ?, ?)", rows);
        return rows.size();
    }

    private int insertPredictions(String batchId, List<Prediction> predictions, int[] skipped, boolean careful) {
        if (predictions.isEmpty()) {
            return 0;
        }
        Set<String> existing = careful ? existingIds("prediction", "prediction_id",
                predictions.stream().map(Prediction::effectiveId).toList()) : new HashSet<>();
        List<Object[]> rows = new ArrayList<>(predictions.size());
        for (Prediction p : predictions) {
            if (!existing.add(p.effectiveId())) {
                skipped[0]++;
                continue;
            }
            rows.add(new Object[] {p.effectiveId(), p.deviceId(), micros(p.timestamp()), p.model(), p.version(),
                    p.status(), p.predictedClass(), JSON.writeValueAsString(p.probabilities()), batchId});
        }
        jdbc.batchUpdate("INSERT INTO prediction (prediction_id, device_id, ts_us, model, model_version, status,"
                + " predicted_class, probabilities, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return rows.size();
    }

    private int applyAlertEvents(String batchId, List<AlertEvent> alerts, int[] skipped) {
        if (alerts.isEmpty()) {
            return 0;
        }
        List<AlertEvent> ordered = new ArrayList<>(alerts);
        ordered.sort(Comparator.comparing(AlertEvent::timestamp));
        Set<String> existing = existingIds("alert_event", "event_id",
                ordered.stream().map(ShardStore::eventId).toList());
        int stored = 0;
        long now = micros(Instant.now());
        for (AlertEvent e : ordered) {
            if (!existing.add(eventId(e))) {
                skipped[0]++;
                continue;
            }
            long ts = micros(e.timestamp());
            jdbc.update("INSERT INTO alert_event (event_id, alert_id, device_id, ts_us, event_type, severity,"
                            + " failure_mode, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    eventId(e), e.alertId(), e.deviceId(), ts, e.type(), e.severity(), e.failureMode(), batchId);
            boolean known = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE alert_id = ?", Integer.class,
                    e.alertId()) > 0;
            if ("RAISED".equals(e.type())) {
                if (known) {
                    jdbc.update("UPDATE alert SET raised_us = ?, updated_us = ? WHERE alert_id = ? AND raised_us IS NULL",
                            ts, now, e.alertId());
                } else {
                    jdbc.update("INSERT INTO alert (alert_id, device_id, failure_mode, severity, state, raised_us,"
                                    + " updated_us) VALUES (?, ?, ?, ?, 'OPEN', ?, ?)",
                            e.alertId(), e.deviceId(), e.failureMode(), e.severity(), ts, now);
                }
            } else if (known) {
                jdbc.update("UPDATE alert SET state = 'CLEARED', cleared_us = ?, updated_us = ? WHERE alert_id = ?",
                        ts, now, e.alertId());
            } else {
                // A clear that overtook its raise (e.g. the raise was in a batch still being retried).
                jdbc.update("INSERT INTO alert (alert_id, device_id, failure_mode, severity, state, cleared_us,"
                                + " updated_us) VALUES (?, ?, ?, ?, 'CLEARED', ?, ?)",
                        e.alertId(), e.deviceId(), e.failureMode(), e.severity() == null ? "unknown" : e.severity(),
                        ts, now);
            }
            stored++;
        }
        return stored;
    }

    private static String eventId(AlertEvent e) {
        return e.alertId() + ":" + e.type();
    }

    private void updateDeviceStatus(List<Reading> readings, List<Prediction> predictions, Set<String> newDevices) {
        Map<String, Prediction> lastPrediction = new HashMap<>();
        for (Prediction p : predictions) {
            lastPrediction.merge(p.deviceId(), p, (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
        }
        for (Reading r : readings) {
            if (!knownDevices.contains(r.deviceId()) && newDevices.add(r.deviceId())) {
                jdbc.update("INSERT INTO device_status (device_id) VALUES (?)", r.deviceId());
            }
        }
        for (Prediction p : lastPrediction.values()) {
            if (!knownDevices.contains(p.deviceId()) && newDevices.add(p.deviceId())) {
                jdbc.update("INSERT INTO device_status (device_id) VALUES (?)", p.deviceId());
            }
            long predictionUs = micros(p.timestamp());
            jdbc.update("UPDATE device_status SET prediction_us = ?, prediction_id = ?, status = ?,"
                            + " predicted_class = ?, model = ?, model_version = ? WHERE device_id = ?"
                            + " AND (prediction_us IS NULL OR prediction_us <= ?)",
                    predictionUs, p.effectiveId(), p.status(), p.predictedClass(), p.model(), p.version(),
                    p.deviceId(), predictionUs);
        }
    }

    private Set<String> existingIds(String table, String column, List<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> distinct = ids.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += IN_CHUNK) {
            List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + IN_CHUNK));
            String marks = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
            found.addAll(jdbc.queryForList("SELECT " + column + " FROM " + table + " WHERE " + column
                    + " IN (" + marks + ")", String.class, chunk.toArray()));
        }
        return found;
    }

    /**
     * Marks an alert acknowledged by an operator. The first acknowledgement wins; later ones change nothing.
     * The caller holds {@link #writeLock()}.
     */
    public Optional<Alert> acknowledge(String alertId, String by, boolean confirmed, String note, Instant at) {
        requireLock();
        return tx.execute(status -> {
            Optional<Alert> alert = alert(alertId);
            if (alert.isEmpty() || alert.get().acknowledgedAt() != null) {
                return alert;
            }
            long us = micros(at);
            jdbc.update("INSERT INTO alert_event (event_id, alert_id, device_id, ts_us, event_type, actor)"
                            + " VALUES (?, ?, ?, ?, 'ACKNOWLEDGED', ?)",
                    alertId + ":ACKNOWLEDGED", alertId, alert.get().deviceId(), us, by);
            jdbc.update("UPDATE alert SET state = CASE WHEN state = 'OPEN' THEN 'ACKNOWLEDGED' ELSE state END,"
                            + " acknowledged_us = ?, acknowledged_by = ?, confirmed = ?, note = ?, updated_us = ?"
                            + " WHERE alert_id = ?", us, by, confirmed, note, micros(Instant.now()), alertId);
            return alert(alertId);
        });
    }

    /** Stores feedback unless one with the same id exists; true when it was new. Caller holds the lock. */
    public boolean saveFeedback(Feedback f, long readingTsUs) {
        requireLock();
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!existingIds("feedback", "feedback_id", List.of(f.feedbackId())).isEmpty()) {
                return false;
            }
            jdbc.update("INSERT INTO feedback (feedback_id, prediction_id, device_id, reading_ts_us, correct,"
                            + " actual_failure_mode, given_by, given_us, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    f.feedbackId(), f.predictionId(), f.deviceId(), readingTsUs, f.correct(), f.actualFailureMode(),
                    f.by(), micros(f.at()), f.note());
            return true;
        }));
    }

    private void requireLock() {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("write to shard " + shard + " without its write lock");
        }
    }

    // ------------------------------------------------------------------ reads

    /** A device's readings in [fromUs, toUs), newest first (or oldest first), with their predictions. */
    public List<StoredReading> history(String deviceId, long fromUs, long toUs, boolean newestFirst, long offset,
                                       int limit) {
        List<long[]> order = new ArrayList<>();
        // device_id is fixed, but naming it in ORDER BY lets H2 walk the (device_id, ts_us) key in either
        // direction instead of sorting all of the device's rows: 1 ms instead of 50 ms with 10,000 rows a device.
        String direction = newestFirst ? "DESC" : "ASC";
        List<StoredReading> page = jdbc.query("SELECT ts_us, machine_type, sensors FROM reading WHERE device_id = ?"
                        + " AND ts_us >= ? AND ts_us < ? ORDER BY device_id " + direction + ", ts_us " + direction
                        + " LIMIT ? OFFSET ?",
                (rs, i) -> {
                    order.add(new long[] {rs.getLong(1)});
                    return new StoredReading(instant(rs.getLong(1)), rs.getString(2),
                            JSON.readValue(rs.getString(3), SENSORS), new ArrayList<>());
                }, deviceId, fromUs, toUs, limit, offset);
        if (page.isEmpty()) {
            return page;
        }
        long min = order.stream().mapToLong(a -> a[0]).min().orElseThrow();
        long max = order.stream().mapToLong(a -> a[0]).max().orElseThrow();
        Map<Instant, StoredReading> byTime = new HashMap<>();
        page.forEach(r -> byTime.put(r.timestamp(), r));
        jdbc.query("SELECT prediction_id, ts_us, model, model_version, status, predicted_class, probabilities"
                + " FROM prediction WHERE device_id = ? AND ts_us BETWEEN ? AND ?", rs -> {
                    StoredReading reading = byTime.get(instant(rs.getLong(2)));
                    if (reading != null) {
                        reading.predictions().add(new StoredPrediction(rs.getString(1), instant(rs.getLong(2)),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                JSON.readValue(rs.getString(7), PROBABILITIES)));
                    }
                }, deviceId, min, max);
        return page;
    }

    /** The latest status of every device in this shard. */
    public List<DeviceStatus> statuses() {
        Map<String, Integer> open = new HashMap<>();
        jdbc.query("SELECT device_id, COUNT(*) FROM alert WHERE state <> 'CLEARED' GROUP BY device_id",
                rs -> {
                    open.put(rs.getString(1), rs.getInt(2));
                });
        List<DeviceStatus> statuses = jdbc.query("SELECT device_id, prediction_us, prediction_id, status,"
                + " predicted_class, model, model_version FROM device_status ORDER BY device_id",
                (rs, i) -> new DeviceStatus(rs.getString(1), shard, null, instantOrNull(rs, "prediction_us"),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        open.getOrDefault(rs.getString(1), 0)));
        // The last reading comes from the (device, time) key: one index probe per device, nothing to maintain on
        // the write path.
        return statuses.stream().map(d -> new DeviceStatus(d.deviceId(), shard, lastReading(d.deviceId()),
                d.predictionAt(), d.predictionId(), d.status(), d.predictedClass(), d.model(), d.version(),
                d.openAlerts())).toList();
    }

    private Instant lastReading(String deviceId) {
        List<Long> last = jdbc.queryForList("SELECT ts_us FROM reading WHERE device_id = ?"
                + " ORDER BY device_id DESC, ts_us DESC LIMIT 1", Long.class, deviceId);
        return last.isEmpty() ? null : instant(last.get(0));
    }

    /** Alerts in the given states, most recently changed first. */
    public List<Alert> alerts(Collection<String> states, int limit) {
        String marks = states.stream().map(x -> "?").collect(Collectors.joining(","));
        List<Object> args = new ArrayList<>(states);
        args.add(limit);
        return jdbc.query("SELECT * FROM alert WHERE state IN (" + marks + ") ORDER BY updated_us DESC LIMIT ?",
                (rs, i) -> alert(rs), args.toArray());
    }

    public Optional<Alert> alert(String alertId) {
        return jdbc.query("SELECT * FROM alert WHERE alert_id = ?", (rs, i) -> alert(rs), alertId).stream()
                .findFirst();
    }

    private Alert alert(ResultSet rs) throws SQLException {
        boolean confirmed = rs.getBoolean("confirmed");
        Boolean confirmedOrNull = rs.wasNull() ? null : confirmed;
        return new Alert(rs.getString("alert_id"), rs.getString("device_id"), shard, rs.getString("failure_mode"),
                rs.getString("severity"), rs.getString("state"), instantOrNull(rs, "raised_us"),
                instantOrNull(rs, "acknowledged_us"), rs.getString("acknowledged_by"), confirmedOrNull,
                rs.getString("note"), instantOrNull(rs, "cleared_us"));
    }

    public Optional<PredictionRef> prediction(String predictionId) {
        return jdbc.query("SELECT prediction_id, device_id, ts_us, predicted_class FROM prediction"
                        + " WHERE prediction_id = ?",
                (rs, i) -> new PredictionRef(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                predictionId).stream().findFirst();
    }

    /**
     * The labelled readings of this shard, oldest first. A label comes from operator feedback (the latest one
     * wins; "correct" confirms the model's class, or "none" when the model said NORMAL, otherwise the actual failure
     * mode counts) or else from a
     * confirmed alert (the reading at the alert's raise time gets the alert's failure mode).
     */
    public void labelled(String deviceId, Long fromUs, Long toUs, Consumer<LabelledReading> sink) {
        long from = fromUs == null ? Long.MIN_VALUE : fromUs;
        long to = toUs == null ? Long.MAX_VALUE : toUs;
        record Key(String device, long ts) { }
        record Label(String failureMode, String source, String reference) { }
        Map<Key, Label> labels = new TreeMap<>(Comparator.comparing(Key::device).thenComparingLong(Key::ts));
        String deviceFilter = deviceId == null ? "" : " AND device_id = ?";
        List<Object> args = new ArrayList<>(List.of(from, to));
        if (deviceId != null) {
            args.add(deviceId);
        }
        jdbc.query("SELECT device_id, raised_us, failure_mode, alert_id FROM alert WHERE confirmed = TRUE"
                + " AND raised_us IS NOT NULL AND raised_us >= ? AND raised_us < ?" + deviceFilter, rs -> {
                    labels.put(new Key(rs.getString(1), rs.getLong(2)),
                            new Label(rs.getString(3), "alert", rs.getString(4)));
                }, args.toArray());
        jdbc.query("SELECT f.device_id, f.reading_ts_us, f.correct, f.actual_failure_mode, p.predicted_class,"
                + " f.feedback_id, p.status FROM feedback f LEFT JOIN prediction p ON p.prediction_id = f.prediction_id"
                + " WHERE f.reading_ts_us >= ? AND f.reading_ts_us < ?"
                + (deviceId == null ? "" : " AND f.device_id = ?") + " ORDER BY f.given_us", rs -> {
                    // "Correct" on a NORMAL prediction confirms a healthy machine, whatever class was most probable.
                    String mode = !rs.getBoolean(3) ? rs.getString(4)
                            : "NORMAL".equals(rs.getString(7)) ? "none" : rs.getString(5);
                    labels.put(new Key(rs.getString(1), rs.getLong(2)),
                            new Label(mode, "feedback", rs.getString(6)));
                }, args.toArray());
        for (Map.Entry<Key, Label> e : labels.entrySet()) {
            jdbc.query("SELECT machine_type, sensors FROM reading WHERE device_id = ? AND ts_us = ?", rs -> {
                Label l = e.getValue();
                sink.accept(new LabelledReading(e.getKey().device(), instant(e.getKey().ts()), rs.getString(1),
                        JSON.readValue(rs.getString(2), SENSORS), l.failureMode(), l.source(), l.reference()));
            }, e.getKey().device(), e.getKey().ts());
        }
    }

    /** Rows in a table (reading, prediction, alert_event, alert, feedback). */
    public long count(String table) {
        if (!Set.of("reading", "prediction", "alert_event", "alert", "feedback", "ingest_batch").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    // ------------------------------------------------------------------ retention

    /**
     * Deletes one slice of what is timed before the cutoff: at most about {@code chunkReadings} readings, with the
     * predictions, alert events and feedback of the same period, in one short transaction. Returns what was
     * deleted and whether more is left, so the caller can release the write lock between slices and writes never
     * wait long behind retention. Caller holds the lock.
     */
    public RetentionSlice deleteSliceBefore(long cutoffUs, int chunkReadings) {
        requireLock();
        List<Long> boundary = jdbc.queryForList("SELECT ts_us FROM reading WHERE ts_us < ? ORDER BY ts_us"
                + " LIMIT 1 OFFSET ?", Long.class, cutoffUs, chunkReadings);
        long sliceEnd = boundary.isEmpty() ? cutoffUs : boundary.get(0);
        RetentionResult result = tx.execute(status -> new RetentionResult(
                jdbc.update("DELETE FROM reading WHERE ts_us < ?", sliceEnd),
                jdbc.update("DELETE FROM prediction WHERE ts_us < ?", sliceEnd),
                jdbc.update("DELETE FROM alert_event WHERE ts_us < ?", sliceEnd),
                0,
                jdbc.update("DELETE FROM feedback WHERE reading_ts_us < ?", sliceEnd)));
        return new RetentionSlice(result, sliceEnd < cutoffUs);
    }

    /** One slice of retention work and whether another one is due. */
    public record RetentionSlice(RetentionResult deleted, boolean more) {
    }

    /** Deletes cleared alerts and batch ids older than the cutoff (small tables). Caller holds the lock. */
    public RetentionResult deleteBookkeepingBefore(long cutoffUs) {
        requireLock();
        return tx.execute(status -> {
            jdbc.update("DELETE FROM ingest_batch WHERE stored_us < ?", cutoffUs);
            return new RetentionResult(0, 0, 0,
                    jdbc.update("DELETE FROM alert WHERE state = 'CLEARED' AND cleared_us < ?", cutoffUs), 0);
        });
    }

    /** The time before which readings must go to keep at most {@code maxReadings}; empty when under the cap. */
    public java.util.OptionalLong capCutoff(long maxReadings) {
        long readings = count("reading");
        if (readings <= maxReadings) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(jdbc.queryForObject("SELECT ts_us FROM reading ORDER BY ts_us LIMIT 1"
                + " OFFSET ?", Long.class, readings - maxReadings));
    }

    /** True when the database answers. */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing shard " + shard, e);
            }
        }
    }
}

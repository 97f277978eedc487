package io.edgeai.datashard.storage;

import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import io.edgeai.datashard.storage.StoredRecords.Alert;
import io.edgeai.datashard.storage.StoredRecords.ConfirmedAlert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code alert} and {@code alert_event} tables: an alert is raised and cleared by post-processing's events and
 * acknowledged by an operator, OPEN -> ACKNOWLEDGED -> CLEARED, every step also kept as an event.
 *
 * <p>Each event is stored once (by alert id and type) in the transaction of its batch part, so a retried batch
 * replays nothing; an acknowledgement commits before it is answered and the first one wins. Events leave through
 * retention by age; an alert row leaves only once cleared and past the age cutoff.
 */
public final class AlertLifecycle {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final int shard;

    AlertLifecycle(JdbcTemplate jdbc, WriteTransactions writes, int shard) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.shard = shard;
    }

    /** Applies the events in time order, skipping those stored before. */
    Inserted apply(String batchId, List<AlertEventRow> events) {
        writes.require();
        if (events.isEmpty()) {
            return Inserted.NOTHING;
        }
        List<AlertEventRow> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(AlertEventRow::timestamp));
        Set<String> existing = ExistingIds.in(jdbc, "alert_event", "event_id",
                ordered.stream().map(AlertEventRow::eventId).toList());
        int stored = 0;
        int skipped = 0;
        long now = EpochMicros.of(Instant.now());
        for (AlertEventRow e : ordered) {
            if (!existing.add(e.eventId())) {
                skipped++;
                continue;
            }
            long ts = EpochMicros.of(e.timestamp());
            jdbc.update("INSERT INTO alert_event (event_id, alert_id, device_id, ts_us, event_type, severity,"
                            + " failure_mode, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    e.eventId(), e.alertId(), e.deviceId(), ts, e.type(), e.severity(), e.failureMode(), batchId);
            boolean known = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE alert_id = ?", Integer.class,
                    e.alertId()) > 0;
            if ("RAISED".equals(e.type())) {
                if (known) {
                    jdbc.update("UPDATE alert SET raised_us = ?, updated_us = ?, explanation = ? WHERE alert_id = ?"
                                    + " AND raised_us IS NULL", ts, now, AlertExplanations.write(e.explanation()),
                            e.alertId());
                } else {
                    jdbc.update("INSERT INTO alert (alert_id, device_id, failure_mode, severity, state, raised_us,"
                                    + " updated_us, explanation) VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?)",
                            e.alertId(), e.deviceId(), e.failureMode(), e.severity(), ts, now,
                            AlertExplanations.write(e.explanation()));
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
        return new Inserted(stored, skipped);
    }

    /**
     * Marks an alert acknowledged by an operator, in its own write transaction. The first acknowledgement wins;
     * later ones change nothing and return the alert as it is. Empty when this shard has no such alert.
     */
    public Optional<Alert> acknowledge(String alertId, String by, boolean confirmed, String note, Instant at) {
        return writes.inWriteTransaction(() -> {
            Optional<Alert> alert = find(alertId);
            if (alert.isEmpty() || alert.get().acknowledgedAt() != null) {
                return alert;
            }
            long us = EpochMicros.of(at);
            jdbc.update("INSERT INTO alert_event (event_id, alert_id, device_id, ts_us, event_type, actor)"
                            + " VALUES (?, ?, ?, ?, 'ACKNOWLEDGED', ?)",
                    alertId + ":ACKNOWLEDGED", alertId, alert.get().deviceId(), us, by);
            jdbc.update("UPDATE alert SET state = CASE WHEN state = 'OPEN' THEN 'ACKNOWLEDGED' ELSE state END,"
                            + " acknowledged_us = ?, acknowledged_by = ?, confirmed = ?, note = ?, updated_us = ?"
                            + " WHERE alert_id = ?", us, by, confirmed, note, EpochMicros.of(Instant.now()), alertId);
            return find(alertId);
        });
    }

    /** Alerts in the given states, most recently changed first. */
    public List<Alert> inStates(Collection<String> states, int limit) {
        String marks = states.stream().map(x -> "?").collect(Collectors.joining(","));
        List<Object> args = new ArrayList<>(states);
        args.add(limit);
        return jdbc.query("SELECT * FROM alert WHERE state IN (" + marks + ") ORDER BY updated_us DESC LIMIT ?",
                (rs, i) -> alert(rs), args.toArray());
    }

    public Optional<Alert> find(String alertId) {
        return jdbc.query("SELECT * FROM alert WHERE alert_id = ?", (rs, i) -> alert(rs), alertId).stream()
                .findFirst();
    }

    /** A device's alerts not cleared yet, and those cleared at or after {@code clearedSinceUs}; oldest raise first. */
    public List<Alert> openOrClearedSince(String deviceId, long clearedSinceUs) {
        return jdbc.query("SELECT * FROM alert WHERE device_id = ? AND (state <> 'CLEARED' OR cleared_us >= ?)"
                + " ORDER BY raised_us", (rs, i) -> alert(rs), deviceId, clearedSinceUs);
    }

    /** Alerts not cleared yet, per device. */
    Map<String, Integer> openPerDevice() {
        Map<String, Integer> open = new HashMap<>();
        jdbc.query("SELECT device_id, COUNT(*) FROM alert WHERE state <> 'CLEARED' GROUP BY device_id",
                rs -> {
                    open.put(rs.getString(1), rs.getInt(2));
                });
        return open;
    }

    /** Alerts an operator confirmed, raised within the window. */
    public void confirmed(DeviceWindow window, Consumer<ConfirmedAlert> sink) {
        jdbc.query("SELECT device_id, raised_us, failure_mode, alert_id FROM alert WHERE confirmed = TRUE"
                + " AND raised_us IS NOT NULL AND " + window.condition("raised_us", "device_id"), rs -> {
                    sink.accept(new ConfirmedAlert(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4)));
                }, window.args());
    }

    int deleteClearedBefore(long cutoffUs) {
        writes.require();
        return jdbc.update("DELETE FROM alert WHERE state = 'CLEARED' AND cleared_us < ?", cutoffUs);
    }

    private Alert alert(ResultSet rs) throws SQLException {
        boolean confirmed = rs.getBoolean("confirmed");
        Boolean confirmedOrNull = rs.wasNull() ? null : confirmed;
        return new Alert(rs.getString("alert_id"), rs.getString("device_id"), shard, rs.getString("failure_mode"),
                rs.getString("severity"), rs.getString("state"), EpochMicros.column(rs, "raised_us"),
                EpochMicros.column(rs, "acknowledged_us"), rs.getString("acknowledged_by"), confirmedOrNull,
                rs.getString("note"), EpochMicros.column(rs, "cleared_us"),
                AlertExplanations.read(rs.getString("explanation")));
    }
}

package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.hub.DailyAggregate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A shard's per-device summaries of one UTC day, what a site sends its hub instead of readings: readings counted and
 * each sensor's min, mean and max (read back from the stored JSON), predictions by model version, alert events
 * raised and cleared, operator feedback on that day's readings (so feedback given later re-sends the day). Reads only, through the time indexes of each table.
 */
public final class DailyAggregates {

    private final JdbcTemplate jdbc;

    DailyAggregates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One summary per device that has anything on that day, by device id. */
    public List<DailyAggregate> of(LocalDate day) {
        long from = EpochMicros.of(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        long to = EpochMicros.of(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, Builder> devices = new TreeMap<>();
        jdbc.query("SELECT device_id, sensors FROM reading WHERE ts_us >= ? AND ts_us < ?", rs -> {
            Builder b = devices.computeIfAbsent(rs.getString(1), d -> new Builder());
            b.readings++;
            for (Map.Entry<String, Reading.Measurement> e : SensorJson.read(rs.getString(2)).entrySet()) {
                if (e.getValue().value() != null) {
                    b.sensors.computeIfAbsent(e.getKey(), s -> new Stats()).add(e.getValue().value().doubleValue());
                }
            }
        }, from, to);
        jdbc.query("SELECT device_id, model, model_version, COUNT(*) FROM prediction WHERE ts_us >= ? AND ts_us < ? "
                + "GROUP BY device_id, model, model_version", rs -> {
                    devices.computeIfAbsent(rs.getString(1), d -> new Builder()).models
                            .put(rs.getString(2) + "/" + rs.getString(3), rs.getLong(4));
                }, from, to);
        jdbc.query("SELECT device_id, event_type, COUNT(*) FROM alert_event WHERE ts_us >= ? AND ts_us < ? "
                + "GROUP BY device_id, event_type", rs -> {
                    Builder b = devices.computeIfAbsent(rs.getString(1), d -> new Builder());
                    if ("RAISED".equals(rs.getString(2))) {
                        b.raised += rs.getLong(3);
                    } else if ("CLEARED".equals(rs.getString(2))) {
                        b.cleared += rs.getLong(3);
                    }
                }, from, to);
        jdbc.query("SELECT device_id, COUNT(*), SUM(CASE WHEN correct THEN 0 ELSE 1 END) FROM feedback "
                + "WHERE reading_ts_us >= ? AND reading_ts_us < ? GROUP BY device_id", rs -> {
                    Builder b = devices.computeIfAbsent(rs.getString(1), d -> new Builder());
                    b.feedback += rs.getLong(2);
                    b.wrong += rs.getLong(3);
                }, from, to);
        return devices.entrySet().stream().map(e -> e.getValue().build(e.getKey(), day)).toList();
    }

    private static final class Stats {
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;

        void add(double v) {
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
    }

    private static final class Builder {
        long readings;
        final Map<String, Stats> sensors = new TreeMap<>();
        final Map<String, Long> models = new TreeMap<>();
        long raised;
        long cleared;
        long feedback;
        long wrong;

        DailyAggregate build(String device, LocalDate day) {
            Map<String, DailyAggregate.SensorStats> stats = new HashMap<>();
            sensors.forEach((name, s) -> stats.put(name, new DailyAggregate.SensorStats(s.count, s.min,
                    // the mean clamped into [min, max]: a sum of floats may land a hair outside for constant values
                    Math.min(s.max, Math.max(s.min, s.sum / s.count)), s.max)));
            return new DailyAggregate(device, day, readings, stats, raised, cleared, models, feedback, wrong);
        }
    }
}

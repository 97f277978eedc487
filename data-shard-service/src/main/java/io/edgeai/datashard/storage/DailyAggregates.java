package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.hub.DailyAggregate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A shard's per-device summaries of one UTC day, what a site sends its hub instead of readings: readings counted and
 * each sensor's min, mean and max (read back from the stored JSON), predictions by model version, alert events
 * raised and cleared, operator feedback on that day's readings (so feedback given later re-sends the day). Reads
 * only, through the time indexes of each table.
 *
 * <p>A day is read again only when something timed on it was written since it was last read ({@link DayChanges}):
 * the uplink asks for the closed days of its lookback every few minutes, and a closed day rarely changes, so its
 * readings are read about once, not on every run. The last {@value #KEPT_DAYS} days read are kept.
 */
public final class DailyAggregates {

    private static final int KEPT_DAYS = 8;

    private final JdbcTemplate jdbc;
    private final DayChanges changes;
    private final ConcurrentSkipListMap<LocalDate, Computed> computed = new ConcurrentSkipListMap<>();
    private final AtomicLong reads = new AtomicLong();

    private record Computed(long stamp, List<DailyAggregate> summaries) {
    }

    DailyAggregates(JdbcTemplate jdbc, DayChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** One summary per device that has anything on that day, by device id. */
    public List<DailyAggregate> of(LocalDate day) {
        long stamp = changes.stamp(day); // before the queries: a write committed during them moves it on
        Computed known = computed.get(day);
        if (known != null && known.stamp() == stamp) {
            return known.summaries();
        }
        List<DailyAggregate> summaries = read(day);
        computed.put(day, new Computed(stamp, summaries));
        while (computed.size() > KEPT_DAYS) {
            computed.pollFirstEntry();
        }
        return summaries;
    }

    /** How many times a day's rows were read (the rest were answered from what was read before). */
    public long reads() {
        return reads.get();
    }

    private List<DailyAggregate> read(LocalDate day) {
        reads.incrementAndGet();
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

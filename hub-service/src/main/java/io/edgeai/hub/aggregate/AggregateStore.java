package io.edgeai.hub.aggregate;

import io.edgeai.contracts.hub.AggregatePush;
import io.edgeai.contracts.hub.DailyAggregate;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Date;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a site's outbox items exactly once, in each outbox's sequence order: in one transaction, the site's row is
 * locked, an item at or below its outbox's {@code last_seq} is counted as a duplicate and changes nothing, a newer one
 * replaces the site's aggregate of that device and day and moves the outbox's {@code last_seq} to it. An outbox the
 * hub has not seen (a site's first, or the one after its folder was wiped) starts at 0.
 */
@Component
public class AggregateStore {

    private static final Logger log = LoggerFactory.getLogger(AggregateStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public AggregateStore(JdbcTemplate hubJdbc, TransactionTemplate hubTransactions, JsonMapper json,
                          MeterRegistry meters) {
        this.jdbc = hubJdbc;
        this.transactions = hubTransactions;
        this.json = json;
        this.meters = meters;
    }

    /**
     * @param applied true when this push changed the hub's data, false for a resend of an applied item
     * @param lastSeq the last sequence number applied from the push's outbox after this push
     */
    public record Outcome(boolean applied, long lastSeq) {
    }

    public Outcome apply(String site, AggregatePush push) {
        DailyAggregate a = push.aggregate();
        Outcome outcome = transactions.execute(status -> {
            // the site's row lock serialises its items, whichever outbox they come from
            jdbc.queryForObject("SELECT site_id FROM site WHERE site_id = ? FOR UPDATE", String.class, site);
            List<Long> known = jdbc.queryForList("SELECT last_seq FROM site_outbox WHERE site_id = ? AND outbox_id = ?",
                    Long.class, site, push.outbox());
            long last = known.isEmpty() ? 0 : known.get(0);
            long now = micros(Instant.now());
            if (push.seq() <= last) {
                jdbc.update("UPDATE site SET duplicates = duplicates + 1, last_sync_us = ? WHERE site_id = ?", now,
                        site);
                return new Outcome(false, last);
            }
            if (known.isEmpty()) {
                jdbc.update("INSERT INTO site_outbox (site_id, outbox_id, last_seq, first_us) VALUES (?, ?, ?, ?)",
                        site, push.outbox(), push.seq(), now);
                log.info("site {} sends from outbox {} (new to the hub), starting at item {}", site, push.outbox(),
                        push.seq());
            } else {
                jdbc.update("UPDATE site_outbox SET last_seq = ? WHERE site_id = ? AND outbox_id = ?", push.seq(),
                        site, push.outbox());
            }
            jdbc.update("MERGE INTO daily_aggregate (site_id, device_id, agg_day, seq, outbox_id, readings, body, "
                    + "received_us) KEY (site_id, device_id, agg_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", site,
                    a.deviceId(), Date.valueOf(a.day()), push.seq(), push.outbox(), a.readings(),
                    json.writeValueAsString(a), now);
            jdbc.update("UPDATE site SET last_seq = ?, outbox_id = ?, applied = applied + 1, last_sync_us = ? "
                    + "WHERE site_id = ?", push.seq(), push.outbox(), now, site);
            return new Outcome(true, push.seq());
        });
        meters.counter("edge.hub.aggregates", "outcome", outcome.applied() ? "applied" : "duplicate").increment();
        log.debug("site {} outbox {} item {} ({} {}): {}", site, push.outbox(), push.seq(), a.deviceId(), a.day(),
                outcome.applied() ? "applied" : "duplicate");
        return outcome;
    }

    /** Counts a refused item against its site (nothing of it was applied). */
    public void refused(String site) {
        jdbc.update("UPDATE site SET refused = refused + 1 WHERE site_id = ?", site);
        meters.counter("edge.hub.aggregates", "outcome", "refused").increment();
    }

    /** The stored aggregates, newest day first; any filter may be null. */
    public List<Map<String, Object>> find(String site, String device, java.time.LocalDate day, int limit) {
        StringBuilder sql = new StringBuilder("SELECT site_id, seq, body, outbox_id FROM daily_aggregate WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (site != null) {
            sql.append(" AND site_id = ?");
            args.add(site);
        }
        if (device != null) {
            sql.append(" AND device_id = ?");
            args.add(device);
        }
        if (day != null) {
            sql.append(" AND agg_day = ?");
            args.add(Date.valueOf(day));
        }
        sql.append(" ORDER BY agg_day DESC, site_id, device_id LIMIT ").append(limit);
        return jdbc.query(sql.toString(), (rs, i) -> Map.of("site", rs.getString(1), "outbox",
                java.util.Objects.requireNonNullElse(rs.getString(4), ""), "seq", rs.getLong(2),
                "aggregate", json.readValue(rs.getString(3), DailyAggregate.class)), args.toArray());
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}

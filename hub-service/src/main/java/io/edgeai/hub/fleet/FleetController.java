package io.edgeai.hub.fleet;

import io.edgeai.hub.model.ModelStore;
import io.edgeai.hub.site.SiteKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The fleet at a glance (admin, {@code GET /api/v1/fleet}): every site's sync state and totals, every model. */
@RestController
public class FleetController {

    private final SiteKeys keys;
    private final JdbcTemplate jdbc;
    private final ModelStore models;

    public FleetController(SiteKeys keys, JdbcTemplate hubJdbc, ModelStore models) {
        this.keys = keys;
        this.jdbc = hubJdbc;
        this.models = models;
    }

    @GetMapping("/api/v1/fleet")
    public Map<String, Object> fleet(@RequestHeader(value = SiteKeys.HEADER, required = false) String key) {
        keys.authenticate(key).requireAdmin();
        List<Map<String, Object>> sites = jdbc.query("SELECT s.site_id, s.created_us, s.revoked_us, s.last_seq, "
                + "s.last_sync_us, s.applied, s.duplicates, s.refused, COUNT(DISTINCT a.device_id), COUNT(a.agg_day), "
                + "COALESCE(SUM(a.readings), 0), MAX(a.agg_day), s.outbox_id, "
                + "(SELECT COUNT(*) FROM site_outbox o WHERE o.site_id = s.site_id) FROM site s "
                + "LEFT JOIN daily_aggregate a ON a.site_id = s.site_id GROUP BY s.site_id, s.created_us, s.revoked_us, "
                + "s.last_seq, s.last_sync_us, s.applied, s.duplicates, s.refused, s.outbox_id ORDER BY s.site_id",
                (rs, i) -> {
                    Map<String, Object> site = new LinkedHashMap<>();
                    site.put("site", rs.getString(1));
                    site.put("created", instant(rs.getLong(2)));
                    long revoked = rs.getLong(3);
                    site.put("revoked", rs.wasNull() ? null : instant(revoked));
                    site.put("lastSeq", rs.getLong(4));
                    long sync = rs.getLong(5);
                    site.put("lastSync", rs.wasNull() ? null : instant(sync));
                    site.put("applied", rs.getLong(6));
                    site.put("duplicates", rs.getLong(7));
                    site.put("refused", rs.getLong(8));
                    site.put("devices", rs.getLong(9));
                    site.put("deviceDays", rs.getLong(10));
                    site.put("readings", rs.getLong(11));
                    site.put("latestDay", rs.getDate(12) == null ? null : rs.getDate(12).toLocalDate().toString());
                    site.put("outbox", rs.getString(13));
                    site.put("outboxes", rs.getLong(14));
                    return site;
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sites", sites);
        out.put("models", models.list(null).stream().map(e -> Map.of("model", e.model(), "version", e.version(),
                "kind", e.kind(), "site", e.site() == null ? "hub" : e.site(), "rows", e.rows(),
                "sha256", e.sha256(), "published", e.published().toString())).toList());
        return out;
    }

    private static String instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
    }
}

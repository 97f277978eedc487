package io.edgeai.hub.site;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.model.ModelNames;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.hub.config.HubProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the hub's admin (a key whose SHA-256 is configured) or a site (a key the hub issued, stored only as
 * its SHA-256, revocable). Every API call of the hub names its caller through {@link #authenticate(String)}.
 */
@Component
public class SiteKeys {

    /** The header every caller puts its key in, as at a site's gateway. */
    public static final String HEADER = "X-API-Key";

    private static final Logger log = LoggerFactory.getLogger(SiteKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Set<String> adminHashes;

    public SiteKeys(JdbcTemplate hubJdbc, HubProperties properties) {
        this.jdbc = hubJdbc;
        this.adminHashes = Set.copyOf(properties.adminKeySha256());
        if (adminHashes.isEmpty()) {
            log.warn("edge.hub.admin-key-sha256 is not set: no site can be registered and no fleet read answered");
        }
    }

    /** The caller behind a key; 401 for none or an unknown one, 403 for a revoked site key. */
    public Caller authenticate(String key) {
        if (key == null || key.isBlank()) {
            throw new HubAccessException(HttpStatus.UNAUTHORIZED, "no key in " + HEADER);
        }
        String hash = ModelWeights.sha256(key.trim().getBytes(StandardCharsets.UTF_8));
        if (adminHashes.contains(hash)) {
            return Caller.ADMIN;
        }
        List<Caller> sites = jdbc.query("SELECT site_id, revoked_us FROM site WHERE key_sha256 = ?",
                (rs, i) -> {
                    long revoked = rs.getLong(2);
                    if (!rs.wasNull()) {
                        log.warn("refused the revoked key of site {} (revoked {})", rs.getString(1),
                                Instant.EPOCH.plusNanos(revoked * 1000));
                        throw new HubAccessException(HttpStatus.FORBIDDEN, "the key of site '" + rs.getString(1)
                                + "' was revoked at " + Instant.EPOCH.plusNanos(revoked * 1000));
                    }
                    return Caller.site(rs.getString(1));
                }, hash);
        if (sites.isEmpty()) {
            throw new HubAccessException(HttpStatus.UNAUTHORIZED, "the key in " + HEADER + " is not known to this hub");
        }
        return sites.get(0);
    }

    /** Registers a site and returns its new key, shown only this once. */
    public String register(String site) {
        String problem = ModelNames.problem(site);
        if (problem != null) {
            throw InvalidRequestException.of("site", problem);
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String key = "site-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try {
            jdbc.update("INSERT INTO site (site_id, key_sha256, created_us) VALUES (?, ?, ?)", site,
                    ModelWeights.sha256(key.getBytes(StandardCharsets.UTF_8)), nowMicros());
        } catch (DuplicateKeyException e) {
            throw new InvalidRequestException(HttpStatus.CONFLICT,
                    List.of(new FieldViolation("site", "site '" + site + "' is already registered")));
        }
        log.info("registered site {}", site);
        return key;
    }

    /** Revokes a site's key: every later call with it is a 403; its data stays. */
    public void revoke(String site) {
        if (jdbc.update("UPDATE site SET revoked_us = ? WHERE site_id = ? AND revoked_us IS NULL", nowMicros(),
                site) == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM site WHERE site_id = ?", Long.class,
                site) == 0) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND,
                    List.of(new FieldViolation("site", "no site '" + site + "'")));
        }
        log.warn("revoked the key of site {}", site);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /**
     * The caller of a request.
     *
     * @param admin true for the hub's admin
     * @param site  the site's id, null for the admin
     */
    public record Caller(boolean admin, String site) {
        static final Caller ADMIN = new Caller(true, null);

        static Caller site(String site) {
            return new Caller(false, site);
        }

        /** This caller, when it is the admin; else a 403. */
        public Caller requireAdmin() {
            if (!admin) {
                throw new HubAccessException(HttpStatus.FORBIDDEN, "site '" + site + "' may not do this; it needs "
                        + "the hub's admin key");
            }
            return this;
        }

        /** The site's id, when the caller is a site; else a 403 (the admin pushes nothing). */
        public String requireSite() {
            if (admin) {
                throw new HubAccessException(HttpStatus.FORBIDDEN, "only a site's key may push to the hub");
            }
            return site;
        }
    }
}

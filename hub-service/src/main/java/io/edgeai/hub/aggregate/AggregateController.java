package io.edgeai.hub.aggregate;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.hub.AggregatePush;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.hub.config.HubProperties;
import io.edgeai.hub.site.SiteKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A site's outbox pushes here ({@code POST /api/v1/aggregates}, site key); the admin reads what arrived
 * ({@code GET /api/v1/aggregates?site=&device=&day=}).
 */
@RestController
public class AggregateController {

    private static final Logger log = LoggerFactory.getLogger(AggregateController.class);

    private final SiteKeys keys;
    private final AggregateStore store;
    private final HubProperties properties;
    private final Clock clock;

    public AggregateController(SiteKeys keys, AggregateStore store, HubProperties properties) {
        this.keys = keys;
        this.store = store;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/api/v1/aggregates")
    public Map<String, Object> push(@RequestHeader(value = SiteKeys.HEADER, required = false) String key,
                                    @RequestBody AggregatePush push) {
        String site = keys.authenticate(key).requireSite();
        List<FieldViolation> violations = AggregateRules.check(push, clock, properties.clockSkew());
        if (!violations.isEmpty()) {
            store.refused(site);
            log.warn("refused item {} of site {} (outbox {}): {}", push.seq(), site, push.outbox(), violations);
            throw new InvalidRequestException(violations);
        }
        AggregateStore.Outcome outcome = store.apply(site, push);
        return Map.of("seq", push.seq(), "applied", outcome.applied(), "duplicate", !outcome.applied(),
                "lastSeq", outcome.lastSeq());
    }

    @GetMapping("/api/v1/aggregates")
    public List<Map<String, Object>> find(@RequestHeader(value = SiteKeys.HEADER, required = false) String key,
                                          @RequestParam(required = false) String site,
                                          @RequestParam(required = false) String device,
                                          @RequestParam(required = false) LocalDate day,
                                          @RequestParam(defaultValue = "1000") int limit) {
        keys.authenticate(key).requireAdmin();
        if (limit < 1 || limit > 10_000) {
            throw InvalidRequestException.of("limit", "must be between 1 and 10000");
        }
        return store.find(site, device, day, limit);
    }
}

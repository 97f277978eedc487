package io.edgeai.datashard.alert;

import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.Alert;
import io.edgeai.datashard.web.FieldRules;
import io.edgeai.datashard.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts across the owned shards, and their acknowledgement by operators. */
@RestController
public class AlertController {

    /** The states a query may ask for; "open" means not cleared yet (acknowledged or not). */
    static final Map<String, List<String>> STATES = Map.of(
            "open", List.of("OPEN", "ACKNOWLEDGED"),
            "unacknowledged", List.of("OPEN"),
            "acknowledged", List.of("ACKNOWLEDGED"),
            "cleared", List.of("CLEARED"),
            "all", List.of("OPEN", "ACKNOWLEDGED", "CLEARED"));
    static final int MAX_LIMIT = 1000;

    private final ShardRegistry shards;

    public AlertController(ShardRegistry shards) {
        this.shards = shards;
    }

    /** An operator's acknowledgement: {@code confirmed=false} marks a false alarm (no training label). */
    public record Acknowledgement(String by, Boolean confirmed, String note, String deviceId) {
    }

    /** Alerts in a state, most recently changed first. */
    public record AlertList(String state, int count, List<Alert> items) {
    }

    @GetMapping("/api/v1/alerts")
    public AlertList alerts(@RequestParam(defaultValue = "open") String state,
                            @RequestParam(required = false) String deviceId,
                            @RequestParam(defaultValue = "100") int limit) {
        FieldRules rules = new FieldRules();
        if (!STATES.containsKey(state)) {
            rules.add("state", "must be one of open, unacknowledged, acknowledged, cleared, all");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            rules.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (deviceId != null) {
            rules.deviceId("deviceId", deviceId);
        }
        rules.throwIfAny();
        List<ShardStore> stores = deviceId == null ? List.copyOf(shards.owned())
                : List.of(shards.forDevice("deviceId", deviceId));
        List<Alert> items = new ArrayList<>();
        for (ShardStore store : stores) {
            store.alerts().inStates(STATES.get(state), limit).stream()
                    .filter(a -> deviceId == null || a.deviceId().equals(deviceId))
                    .forEach(items::add);
        }
        items.sort(Comparator.comparing(AlertController::lastChange).reversed());
        List<Alert> page = items.size() > limit ? items.subList(0, limit) : items;
        return new AlertList(state, page.size(), page);
    }

    private static Instant lastChange(Alert a) {
        Instant t = Instant.EPOCH;
        for (Instant i : new Instant[] {a.raisedAt(), a.acknowledgedAt(), a.clearedAt()}) {
            if (i != null && i.isAfter(t)) {
                t = i;
            }
        }
        return t;
    }

    /** Acknowledges an alert; acknowledging again changes nothing and answers the alert as it is. */
    @PostMapping("/api/v1/alerts/{alertId}/acknowledge")
    public Alert acknowledge(@PathVariable String alertId, @RequestBody(required = false) Acknowledgement body) {
        FieldRules rules = new FieldRules();
        rules.alertId("alertId", alertId);
        if (body == null) {
            rules.add("by", "is required (who acknowledges)");
        } else {
            rules.text("by", body.by(), 128);
            rules.optionalText("note", body.note(), 1000);
            if (body.deviceId() != null) {
                rules.deviceId("deviceId", body.deviceId());
            }
        }
        rules.throwIfAny();
        List<ShardStore> stores = body.deviceId() != null ? List.of(shards.forDevice("deviceId", body.deviceId()))
                : List.copyOf(shards.owned());
        boolean confirmed = body.confirmed() == null || body.confirmed();
        for (ShardStore store : stores) {
            if (store.alerts().find(alertId).isEmpty()) {
                continue;
            }
            Optional<Alert> alert = store.alerts().acknowledge(alertId, body.by(), confirmed, body.note(),
                    Instant.now());
            if (alert.isPresent()) {
                return alert.get();
            }
        }
        throw new NotFoundException("alertId", "no alert " + alertId + " in the shards of this instance");
    }
}

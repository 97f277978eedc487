package io.edgeai.datashard.device;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.storage.RecentHistory;
import io.edgeai.contracts.storage.RecentHistoryQuery;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.EpochMicros;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.Alert;
import io.edgeai.datashard.storage.StoredRecords.StoredPrediction;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import io.edgeai.datashard.web.FieldRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read pre- and postprocessing rebuild their per-device state from after a restart: each device's last readings
 * before a time, their predictions, and the alerts that still matter (edge-contracts' {@link RecentHistoryQuery}).
 * Internal (the gateway does not route it); a device of another instance is 421 like every other request.
 */
@RestController
public class RecentHistoryController {

    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final ShardRegistry shards;

    public RecentHistoryController(ShardRegistry shards) {
        this.shards = shards;
    }

    @PostMapping("/api/v1/devices/recent-history")
    public RecentHistory recent(@RequestBody RecentHistoryQuery query) {
        FieldRules rules = new FieldRules();
        if (query.readings() < 1 || query.readings() > RecentHistoryQuery.MAX_READINGS) {
            rules.add("readings", "must be between 1 and " + RecentHistoryQuery.MAX_READINGS);
        }
        if (query.devices().isEmpty() || query.devices().size() > RecentHistoryQuery.MAX_DEVICES) {
            rules.add("devices", "must list 1 to " + RecentHistoryQuery.MAX_DEVICES + " devices");
        } else if ((long) query.devices().size() * query.readings() > RecentHistoryQuery.MAX_ROWS) {
            rules.add("readings", "devices x readings must be at most " + RecentHistoryQuery.MAX_ROWS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < query.devices().size(); i++) {
            RecentHistoryQuery.DeviceCut cut = query.devices().get(i);
            if (cut == null) {
                rules.add("devices[" + i + "]", "must not be null");
                continue;
            }
            if (rules.deviceId("devices[" + i + "].deviceId", cut.deviceId()) && !seen.add(cut.deviceId())) {
                rules.add("devices[" + i + "].deviceId", "is listed twice");
            }
        }
        rules.throwIfAny();
        List<ShardStore> stores = new ArrayList<>();
        for (int i = 0; i < query.devices().size(); i++) {
            stores.add(shards.forDevice("devices[" + i + "].deviceId", query.devices().get(i).deviceId()));
        }
        List<RecentHistory.DeviceHistory> out = new ArrayList<>(query.devices().size());
        for (int i = 0; i < query.devices().size(); i++) {
            out.add(history(stores.get(i), query.devices().get(i), query.readings()));
        }
        return new RecentHistory(out);
    }

    private static RecentHistory.DeviceHistory history(ShardStore store, RecentHistoryQuery.DeviceCut cut, int n) {
        String device = cut.deviceId();
        // Any time is a valid cut: stored readings lie in [1970, 2200], so one outside that range keeps all or none.
        long beforeUs = cut.before() == null || cut.before().isAfter(LATEST) ? Long.MAX_VALUE
                : cut.before().isBefore(Instant.EPOCH) ? 0 : EpochMicros.of(cut.before());
        List<StoredReading> newestFirst = store.history().page(device, Long.MIN_VALUE, beforeUs, true, 0, n);
        List<Reading> readings = new ArrayList<>(newestFirst.size());
        List<StorageBatch.Prediction> predictions = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            StoredReading r = newestFirst.get(i);
            readings.add(new Reading(device, r.timestamp(), r.machineType(), r.sensors()));
            for (StoredPrediction p : r.predictions()) {
                predictions.add(new StorageBatch.Prediction(p.predictionId(), device, p.timestamp(), p.model(),
                        p.version(), p.probabilities(), p.status()));
            }
        }
        long oldestUs = readings.isEmpty() ? Long.MAX_VALUE : EpochMicros.of(readings.get(0).timestamp());
        List<RecentHistory.AlertState> alerts = new ArrayList<>();
        for (Alert a : store.alerts().openOrClearedSince(device, oldestUs)) {
            alerts.add(new RecentHistory.AlertState(a.alertId(), a.failureMode(), a.severity(), a.state(),
                    a.raisedAt(), a.clearedAt()));
        }
        return new RecentHistory.DeviceHistory(device, readings, predictions, alerts);
    }
}

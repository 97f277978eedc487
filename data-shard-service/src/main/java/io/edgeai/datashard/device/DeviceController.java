package io.edgeai.datashard.device;

import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.EpochMicros;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.DeviceStatus;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import io.edgeai.datashard.web.FieldRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A device's history and the fleet's latest status. */
@RestController
public class DeviceController {

    static final int MAX_PAGE_SIZE = 1000;

    private final ShardRegistry shards;

    public DeviceController(ShardRegistry shards) {
        this.shards = shards;
    }

    /** One page of a device's history in [from, to), newest first unless order=asc. */
    public record HistoryPage(String deviceId, int shard, Instant from, Instant to, String order, int page, int size,
                              boolean hasMore, List<StoredReading> items) {
    }

    /** The latest status of every device in the shards this instance owns. */
    public record FleetStatus(List<Integer> shards, int devices, List<DeviceStatus> items) {
    }

    @GetMapping("/api/v1/devices/{deviceId}/history")
    public HistoryPage history(@PathVariable String deviceId,
                               @RequestParam(required = false) Instant from,
                               @RequestParam(required = false) Instant to,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "100") int size,
                               @RequestParam(defaultValue = "desc") String order) {
        FieldRules rules = new FieldRules();
        rules.deviceId("deviceId", deviceId);
        if (from != null) {
            rules.time("from", from);
        }
        if (to != null) {
            rules.time("to", to);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            rules.add("to", "must be after from");
        }
        if (page < 0) {
            rules.add("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            rules.add("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (!order.equals("asc") && !order.equals("desc")) {
            rules.add("order", "must be asc or desc");
        }
        rules.throwIfAny();
        ShardStore store = shards.forDevice("deviceId", deviceId);
        long fromUs = from == null ? Long.MIN_VALUE : EpochMicros.of(from);
        long toUs = to == null ? Long.MAX_VALUE : EpochMicros.of(to);
        List<StoredReading> items = new ArrayList<>(store.history().page(deviceId, fromUs, toUs, order.equals("desc"),
                (long) page * size, size + 1));
        boolean hasMore = items.size() > size;
        if (hasMore) {
            items.remove(items.size() - 1);
        }
        return new HistoryPage(deviceId, store.shard(), from, to, order, page, size, hasMore, items);
    }

    @GetMapping("/api/v1/devices/status")
    public FleetStatus status() {
        List<DeviceStatus> items = new ArrayList<>();
        List<Integer> owned = new ArrayList<>();
        for (ShardStore store : shards.owned()) {
            owned.add(store.shard());
            items.addAll(store.devices().all());
        }
        items.sort(Comparator.comparing(DeviceStatus::deviceId));
        return new FleetStatus(owned, items.size(), items);
    }
}

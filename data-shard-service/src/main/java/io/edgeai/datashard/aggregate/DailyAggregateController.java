package io.edgeai.datashard.aggregate;

import io.edgeai.contracts.hub.DailyAggregate;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.ShardStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/aggregates/daily?day=2026-11-29}: one summary per device of the shards this instance owns for
 * that UTC day (what the gateway's uplink queues for the hub; raw readings never leave through it).
 */
@RestController
public class DailyAggregateController {

    private final ShardRegistry shards;

    public DailyAggregateController(ShardRegistry shards) {
        this.shards = shards;
    }

    @GetMapping("/api/v1/aggregates/daily")
    public List<DailyAggregate> daily(@RequestParam LocalDate day) {
        List<DailyAggregate> out = new ArrayList<>();
        for (ShardStore store : shards.owned()) {
            out.addAll(store.aggregates().of(day));
        }
        out.sort(Comparator.comparing(DailyAggregate::deviceId));
        return out;
    }
}

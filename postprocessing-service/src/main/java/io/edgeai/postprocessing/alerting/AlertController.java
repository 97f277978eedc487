package io.edgeai.postprocessing.alerting;

import io.edgeai.contracts.alert.AlertEvent;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the alerts open now (held in memory; data-shard-service keeps the history). */
@RestController
@RequestMapping("/api/v1/postprocessing/alerts")
public class AlertController {

    private final AlertTracker tracker;

    public AlertController(AlertTracker tracker) {
        this.tracker = tracker;
    }

    @GetMapping
    public Map<String, List<AlertEvent>> open(@RequestParam(required = false) String deviceId) {
        return Map.of("alerts", tracker.open(deviceId));
    }
}

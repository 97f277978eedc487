package io.edgeai.datashard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.storage.StorageBatch.Prediction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The content digest stored with every batch id must not change between releases: a batch stored before an upgrade
 * and retried after it (the gateway's spool does that) would otherwise be refused as a reused id (409).
 */
class ShardPartTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00.123456Z");

    static ShardPart part() {
        ShardPart part = new ShardPart();
        Map<String, Reading.Measurement> sensors = new LinkedHashMap<>();
        sensors.put("torque", new Reading.Measurement(42.8, "Nm"));
        sensors.put("rpm", new Reading.Measurement(1500.0, null));
        part.readings.add(new Reading("press-7", T, "M", sensors));
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("none", 0.93);
        probabilities.put("TWF", 0.07);
        part.predictions.add(new Prediction(null, "press-7", T, "ai4i-failure", "3", probabilities, "NORMAL"));
        part.predictions.add(new Prediction("p-2", "press-7", T.plusSeconds(1), "ai4i-failure", "3",
                Map.of("none", 1.0), "NORMAL"));
        part.alerts.add(new AlertEvent("press-7:TWF:1", "press-7", "TWF", AlertEventType.RAISED, "critical", null, null, T, null, null, null, null));
        part.alerts.add(new AlertEvent("press-7:TWF:1", "press-7", "TWF", AlertEventType.CLEARED, null, null, null, T.plusSeconds(9), null, null, null, null));
        return part;
    }

    @Test
    void theDigestOfAPartIsTheOneEarlierReleasesStored() {
        assertThat(part().digest()).isEqualTo("45f40f9fb6f803cc0a8e60f3803155b9a484401406e047ad0787c5b1df2a2da9");
    }
}

package io.edgeai.datashard.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The read pre- and postprocessing rebuild their per-device state from after a restart. */
@WebMvcTest(RecentHistoryController.class)
@Import(ShardStoresConfiguration.class)
class RecentHistoryControllerTest extends ShardSliceTest {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    ShardRegistry shards;

    /** Ten readings a second apart with a prediction each; an alert raised at 2 s and cleared at 4 s, one raised at 7 s. */
    private void store(String device) {
        List<Reading> readings = new ArrayList<>();
        List<PredictionRow> predictions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = T0.plusSeconds(i);
            readings.add(new Reading(device, at, "M", Map.of("torque", new Reading.Measurement(40.0 + i, "Nm"))));
            predictions.add(new PredictionRow(device + "@" + i, device, at, "ai4i-failure", "1", "NORMAL", "HDF",
                    Map.of("machine_failure", i / 10.0, "HDF", 0.5)));
        }
        List<AlertEventRow> alerts = List.of(
                new AlertEventRow(device + ":HDF:2", device, T0.plusSeconds(2), "RAISED", "MAJOR", "HDF"),
                new AlertEventRow(device + ":HDF:2", device, T0.plusSeconds(4), "CLEARED", "MAJOR", "HDF"),
                new AlertEventRow(device + ":machine_failure:7", device, T0.plusSeconds(7), "RAISED", "CRITICAL",
                        "machine_failure"));
        shards.forDevice("deviceId", device).batches().write(new BatchPart("b-" + device, "d", readings, predictions,
                alerts));
    }

    @Test
    void givesTheLastReadingsBeforeTheCutOldestFirstWithTheAlertsThatStillMatter() {
        String device = mine(5);
        store(device);
        String query = "{\"readings\":4,\"devices\":[{\"deviceId\":\"" + device + "\",\"before\":\""
                + T0.plusSeconds(8) + "\"},{\"deviceId\":\"" + mine(6) + "\"}]}";
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content(query)).hasStatusOk().bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.devices[0].readings[*].timestamp").asArray().containsExactly(
                            "2026-11-28T10:00:04Z", "2026-11-28T10:00:05Z", "2026-11-28T10:00:06Z",
                            "2026-11-28T10:00:07Z");
                    json.assertThat().extractingPath("$.devices[0].readings[0].sensors.torque.value").isEqualTo(44.0);
                    json.assertThat().extractingPath("$.devices[0].predictions[0].probabilities.machine_failure")
                            .isEqualTo(0.4);
                    // the clear at 4 s is inside the window (it resets the debounce), the open alert always counts
                    json.assertThat().extractingPath("$.devices[0].alerts[*].state").asArray()
                            .containsExactly("CLEARED", "OPEN");
                    json.assertThat().extractingPath("$.devices[1].readings").asArray().isEmpty();
                });
        String ancient = "{\"readings\":3,\"devices\":[{\"deviceId\":\"" + device + "\",\"before\":\"1900-01-01T00:00:00Z\"}]}";
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content(ancient)).hasStatusOk().bodyJson().extractingPath("$.devices[0].readings").asArray().isEmpty();
        String later = "{\"readings\":3,\"devices\":[{\"deviceId\":\"" + device + "\",\"before\":\"3000-01-01T00:00:00Z\"}]}";
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content(later)).hasStatusOk().bodyJson()
                .extractingPath("$.devices[0].alerts[*].alertId").asArray().containsExactly(device + ":machine_failure:7");
    }

    @Test
    void badQueriesAreRefusedNamingTheFieldAndOtherInstancesDevicesAreMisdirected() {
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content("{\"readings\":0,\"devices\":[{\"deviceId\":\"a b\"},{\"deviceId\":\"x\",\"before\":\"soon\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content("{\"readings\":0,\"devices\":[{\"deviceId\":\"a b\"},{\"deviceId\":\"ok\"},{\"deviceId\":\"ok\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("readings", "devices[0].deviceId", "devices[2].deviceId");
        assertThat(mvc.post().uri("/api/v1/devices/recent-history").contentType(MediaType.APPLICATION_JSON)
                .content("{\"readings\":10,\"devices\":[{\"deviceId\":\"" + theirs(0) + "\"}]}"))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("devices[0].deviceId");
    }
}

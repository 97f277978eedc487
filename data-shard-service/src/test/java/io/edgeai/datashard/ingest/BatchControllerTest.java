package io.edgeai.datashard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.TestHttp;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Batches refused as a whole, naming every bad or misdirected record, with nothing written. */
@WebMvcTest(BatchController.class)
@Import({ShardStoresConfiguration.class, BatchWriter.class, BatchValidator.class, ShardMetrics.class})
class BatchControllerTest extends ShardSliceTest {

    @Autowired
    ShardRegistry shards;

    static Map<String, Object> reading(String device, String time, double torque) {
        return Map.of("deviceId", device, "timestamp", time, "machineType", "M",
                "sensors", Map.of("torque", Map.of("value", torque, "unit", "Nm")));
    }

    private MvcTestResult post(Object body) {
        String json = body instanceof String s ? s : TestHttp.JSON.writeValueAsString(body);
        return mvc.post().uri("/api/v1/storage/batches").contentType(MediaType.APPLICATION_JSON).content(json)
                .exchange();
    }

    private int stored(String device) {
        return shards.forDevice("deviceId", device).history().page(device, Long.MIN_VALUE, Long.MAX_VALUE, true, 0,
                10).size();
    }

    @Test
    void badInputIsRefusedNamingEveryFieldAndNothingIsWritten() {
        String device = mine(1);
        Map<String, Object> bad = Map.of("batchId", "b-bad", "readings", List.of(
                reading(device, "2026-11-28T12:00:00Z", 1),
                Map.of("deviceId", device, "timestamp", "2026-11-28T12:00:01Z",
                        "sensors", Map.of("torque", Map.of("unit", "Nm"))),
                Map.of("deviceId", "", "timestamp", "2026-11-28T12:00:02Z", "sensors",
                        Map.of("t", Map.of("value", 1)))),
                "predictions", List.of(Map.of("deviceId", device, "timestamp", "2026-11-28T12:00:00Z", "model", "m",
                        "version", "1", "status", "OK", "probabilities", Map.of("none", 1.7))));
        assertThat(post(bad)).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("readings[1].sensors.torque.value", "readings[2].deviceId",
                        "predictions[0].probabilities.none");
        assertThat(stored(device)).isZero();

        assertThat(post("{\"batchId\":\"x\",\"readings\":[{\"deviceId\":\"d\",\"timestamp\":\"yesterday\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("readings[0].timestamp");
        assertThat(post(Map.of("readings", List.of(reading(device, "2026-11-28T12:00:05Z", 1)))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("batchId");
    }

    @Test
    void devicesOfAnotherInstanceAreRefusedNamingTheOwner() {
        String mine = mine(0);
        String theirs = theirs(0);
        assertThat(post(Map.of("batchId", "b-421", "readings",
                List.of(reading(mine, "2026-11-28T13:00:00Z", 1), reading(theirs, "2026-11-28T13:00:00Z", 1)))))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.errors[*].field").asArray()
                            .containsExactly("readings[1].deviceId");
                    json.assertThat().extractingPath("$.owners." + theirs).isEqualTo(1);
                });
        assertThat(stored(mine)).isZero();
    }

    @Test
    void aRetryIsADuplicateAndAReusedBatchIdWithOtherContentIsAConflict() {
        String device = mine(2);
        Map<String, Object> batch = Map.of("batchId", "b-retry",
                "readings", List.of(reading(device, "2026-11-28T14:00:00Z", 1)));
        assertThat(post(batch)).hasStatusOk().bodyJson().extractingPath("$.duplicate").isEqualTo(false);
        assertThat(post(batch)).hasStatusOk().bodyJson().extractingPath("$.duplicate").isEqualTo(true);
        assertThat(post(Map.of("batchId", "b-retry",
                "readings", List.of(reading(device, "2026-11-28T14:00:01Z", 2)))))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("batchId");
        assertThat(stored(device)).isEqualTo(1);
    }
}

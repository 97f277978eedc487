package io.edgeai.datashard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import io.edgeai.contracts.explain.Explanation;
import io.edgeai.contracts.explain.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Listing alerts and acknowledging them, as the operator dashboard does through the gateway. */
@WebMvcTest(AlertController.class)
@Import(ShardStoresConfiguration.class)
class AlertControllerTest extends ShardSliceTest {

    @Autowired
    ShardRegistry shards;

    private String raise(String device, String alertId) {
        shards.forDevice("deviceId", device).batches().write(new BatchPart("b-" + alertId, "d", List.of(),
                List.of(), List.of(new AlertEventRow(alertId, device, Instant.parse("2026-11-28T10:00:00Z"),
                        "RAISED", "critical", "TWF"))));
        return alertId;
    }

    @Test
    void theFirstAcknowledgementWinsAndMovesTheAlertOutOfUnacknowledged() {
        String device = mine(3);
        String alertId = raise(device, device + ":TWF:1");
        assertThat(mvc.get().uri("/api/v1/alerts?state=unacknowledged&deviceId={d}", device)).hasStatusOk()
                .bodyJson().extractingPath("$.count").isEqualTo(1);

        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledge", alertId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"olga\",\"note\":\"spindle worn\"}")).hasStatusOk()
                .bodyJson().extractingPath("$.state").isEqualTo("ACKNOWLEDGED");
        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledge", alertId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"piotr\",\"confirmed\":false,\"deviceId\":\"" + device + "\"}")).hasStatusOk()
                .bodyJson().extractingPath("$.acknowledgedBy").isEqualTo("olga");

        assertThat(mvc.get().uri("/api/v1/alerts?state=unacknowledged&deviceId={d}", device)).hasStatusOk()
                .bodyJson().extractingPath("$.items").asArray().isEmpty();
        assertThat(mvc.get().uri("/api/v1/alerts?state=acknowledged&deviceId={d}", device)).hasStatusOk()
                .bodyJson().extractingPath("$.items[0].confirmed").isEqualTo(true);
    }

    @Test
    void anAlertKeepsTheExplanationOfTheReadingThatRaisedIt() {
        String device = mine(5);
        Explanation why = new Explanation("OSF", "tree_shap", -6.2, 3.1, List.of(
                new Reason("tool wear x torque", List.of("tool_wear", "torque"), List.of("wear_torque",
                        "overstrain_ratio"), 11900.0, "min·Nm", 11000.0, "limit for machine type L", 8.7),
                new Reason("rotational speed", List.of("rotational_speed"), List.of("rotational_speed"), 1400.0,
                        "rpm", null, null, 0.6)), Map.of("torque", 4.3, "tool_wear", 4.35));
        shards.forDevice("deviceId", device).batches().write(new BatchPart("b-why", "d", List.of(), List.of(),
                List.of(new AlertEventRow(device + ":OSF:1", device, Instant.parse("2026-11-28T10:00:00Z"), "RAISED",
                        "CRITICAL", "OSF", why))));
        var body = assertThat(mvc.get().uri("/api/v1/alerts?state=open&deviceId={d}", device)).hasStatusOk()
                .bodyJson();
        body.extractingPath("$.items[0].explanation.reasons[0].name").isEqualTo("tool wear x torque");
        body.extractingPath("$.items[0].explanation.reasons[0].limit").isEqualTo(11000.0);
        body.extractingPath("$.items[0].explanation.reasons[0].contribution").isEqualTo(8.7);
        body.extractingPath("$.items[0].explanation.logit").isEqualTo(3.1);
    }

    @Test
    void badQueriesAndAcknowledgementsAreRefusedNamingTheField() {
        assertThat(mvc.get().uri("/api/v1/alerts?state=bogus&limit=0"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder("state", "limit");
        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledge", "a-1").contentType(MediaType.APPLICATION_JSON)
                .content("{}")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("by");
        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledge", "nope").contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"olga\"}")).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("alertId");
        assertThat(mvc.post().uri("/api/v1/alerts/{id}/acknowledge", "a-1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"olga\",\"deviceId\":\"" + theirs(0) + "\"}"))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST)
                .bodyJson().extractingPath("$.owner").isEqualTo(1);
    }
}

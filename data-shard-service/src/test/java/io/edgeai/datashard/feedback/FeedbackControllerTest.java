package io.edgeai.datashard.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.PredictionIds;
import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Operators' feedback on predictions: stored once per id, refused with the field named. */
@WebMvcTest(FeedbackController.class)
@Import(ShardStoresConfiguration.class)
class FeedbackControllerTest extends ShardSliceTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    ShardRegistry shards;

    private String storedPrediction(String device) {
        String id = PredictionIds.of(device, T, "ai4i-failure", "3");
        shards.forDevice("deviceId", device).batches().write(new BatchPart("b-" + device, "d", List.of(),
                List.of(new PredictionRow(id, device, T, "ai4i-failure", "3", "FAILURE", "TWF",
                        Map.of("none", 0.2, "TWF", 0.8))), List.of()));
        return id;
    }

    private static String body(String id, String predictionId, String device, Boolean correct, String mode) {
        return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"predictionId\":\"" + predictionId
                + "\",\"deviceId\":\"" + device + "\"," + (correct == null ? "" : "\"correct\":" + correct + ",")
                + (mode == null ? "" : "\"actualFailureMode\":\"" + mode + "\",") + "\"by\":\"olga\"}";
    }

    @Test
    void feedbackIsCreatedOnceAndARetryWithItsIdAnswersOk() {
        String device = mine(4);
        String prediction = storedPrediction(device);
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body("fb-1", prediction, device, false, "HDF"))).hasStatus(HttpStatus.CREATED)
                .bodyJson().extractingPath("$.feedback.predictionId").isEqualTo(prediction);
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body("fb-1", prediction, device, false, "HDF"))).hasStatusOk()
                .bodyJson().extractingPath("$.created").isEqualTo(false);
    }

    @Test
    void incompleteFeedbackAndUnknownPredictionsAreRefusedNamingTheField() {
        String device = mine(5);
        String prediction = storedPrediction(device);
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body(null, prediction, device, false, null))).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("actualFailureMode");
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body(null, prediction, device, null, null))).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("correct");
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body(null, "nope", device, true, null))).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("predictionId");
        assertThat(mvc.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body(null, prediction, mine(6), true, null))).hasStatus(HttpStatus.NOT_FOUND);
    }
}

package io.edgeai.datashard.feedback;

import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.Feedback;
import io.edgeai.datashard.storage.StoredRecords.PredictionRef;
import io.edgeai.datashard.web.FieldRules;
import io.edgeai.datashard.web.NotFoundException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operator feedback on predictions: the labels that fine-tuning learns from. */
@RestController
public class FeedbackController {

    private final ShardRegistry shards;

    public FeedbackController(ShardRegistry shards) {
        this.shards = shards;
    }

    /**
     * Feedback as an operator gives it.
     *
     * @param id                optional; send one to make retries safe (the same id is stored once)
     * @param deviceId          the device the prediction was for (routes to its shard)
     * @param correct           whether the model's answer was right
     * @param actualFailureMode what really happened, a class label of the model; required when not correct
     * @param by                who gives the feedback
     * @param at                when (defaults to now)
     */
    public record FeedbackRequest(String id, String predictionId, String deviceId, Boolean correct,
                                  String actualFailureMode, String by, Instant at, String note) {
    }

    /** The stored feedback and whether this request created it. */
    public record FeedbackResponse(boolean created, int shard, Feedback feedback) {
    }

    @PostMapping("/api/v1/feedback")
    public ResponseEntity<FeedbackResponse> give(@RequestBody FeedbackRequest body) {
        FieldRules rules = new FieldRules();
        if (body == null) {
            rules.add("body", "is required");
            rules.throwIfAny();
        }
        if (body.id() != null) {
            rules.id("id", body.id(), 128);
        }
        rules.text("predictionId", body.predictionId(), 300);
        rules.deviceId("deviceId", body.deviceId());
        if (body.correct() == null) {
            rules.add("correct", "is required (true or false)");
        } else if (!body.correct()) {
            rules.text("actualFailureMode", body.actualFailureMode(), 64);
        } else {
            rules.optionalText("actualFailureMode", body.actualFailureMode(), 64);
        }
        rules.text("by", body.by(), 128);
        if (body.at() != null) {
            rules.time("at", body.at());
        }
        rules.optionalText("note", body.note(), 1000);
        rules.throwIfAny();

        ShardStore store = shards.forDevice("deviceId", body.deviceId());
        PredictionRef prediction = store.predictions().find(body.predictionId())
                .filter(p -> p.deviceId().equals(body.deviceId()))
                .orElseThrow(() -> new NotFoundException("predictionId",
                        "no prediction " + body.predictionId() + " for device " + body.deviceId()));
        Feedback feedback = new Feedback(body.id() == null ? UUID.randomUUID().toString() : body.id(),
                prediction.predictionId(), body.deviceId(), body.correct(), body.actualFailureMode(), body.by(),
                body.at() == null ? Instant.now() : body.at(), body.note());
        boolean created = store.feedback().save(feedback, prediction.readingTsUs());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new FeedbackResponse(created, store.shard(), feedback));
    }
}

package io.edgeai.gateway.feedback;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.config.SpoolProperties;
import io.edgeai.gateway.spool.Spool;
import io.edgeai.gateway.web.ServiceUnavailable;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator feedback on a prediction ({@code POST /api/v1/feedback}), passed to data-shard with two things a plain
 * route cannot give:
 * <ul>
 *   <li>read your own writes: the pipeline answers once readings are in the gateway's spool, before data-shard has
 *       them, so feedback given at once would find no prediction (404). It first waits, up to
 *       {@code edge.spool.feedback-wait}, for the device's spooled batches to be delivered;</li>
 *   <li>the owner: the device is named in the body, not the path, so with several data-shard instances a plain
 *       route could reach one that does not own the device (421).</li>
 * </ul>
 * The body goes on unchanged and data-shard's answer (201, 200, or its 4xx naming the field) comes back as is; when
 * data-shard cannot be reached the answer is 503 problem+json naming it, like the routes' fallback.
 */
@RestController
public class FeedbackController {

    private static final Logger log = LoggerFactory.getLogger(FeedbackController.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PATH = "/api/v1/feedback";

    private final WebClient http;
    private final ShardRouter router;
    private final Spool spool;
    private final JsonMapper json;
    private final Duration wait;

    public FeedbackController(WebClient http, ShardRouter router, Spool spool, SpoolProperties spoolProperties,
                              JsonMapper json) {
        this.http = http;
        this.router = router;
        this.spool = spool;
        this.json = json;
        this.wait = spoolProperties.feedbackWait();
    }

    @PostMapping(PATH)
    public Mono<ResponseEntity<Object>> give(@RequestBody(required = false) byte[] body,
                                             @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                             String contentType) {
        byte[] payload = body == null ? new byte[0] : body;
        String deviceId = deviceIdOf(payload);
        // Without a valid device id no owner can be chosen: the first instance answers 400 naming the field.
        URI owner = deviceId != null ? router.ownerOf(deviceId) : router.owners().get(0);
        Mono<Void> delivered = deviceId == null ? Mono.empty()
                : Mono.fromFuture(() -> spool.deliveredFor(deviceId), true).timeout(wait)
                        .onErrorResume(e -> Mono.empty()); // waited long enough: data-shard decides
        return delivered.then(Mono.defer(() -> http.post().uri(owner.resolve(PATH))
                        .header(HttpHeaders.CONTENT_TYPE,
                                contentType == null ? MediaType.APPLICATION_JSON_VALUE : contentType)
                        .bodyValue(payload)
                        .exchangeToMono(response -> response.toEntity(byte[].class).map(FeedbackController::asIs))
                        .timeout(TIMEOUT)))
                .onErrorResume(e -> {
                    log.warn("feedback to data-shard {} failed: {}", owner, e.toString());
                    return Mono.just(ServiceUnavailable.answer("data-shard",
                            "The data-shard service is not reachable; retry later.", PATH));
                });
    }

    /** The body's top-level {@code deviceId} when it is a valid device id, else null. */
    private String deviceIdOf(byte[] body) {
        try {
            JsonNode id = json.readTree(body).get("deviceId");
            return id != null && id.isString() && DeviceIds.problem(id.asString()) == null ? id.asString() : null;
        } catch (RuntimeException e) {
            return null; // not a JSON object: data-shard answers 400 for the body
        }
    }

    private static ResponseEntity<Object> asIs(ResponseEntity<byte[]> answer) {
        ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.getStatusCode());
        MediaType type = answer.getHeaders().getContentType();
        if (type != null) {
            out.contentType(type);
        }
        return out.body(answer.getBody() == null ? new byte[0] : answer.getBody());
    }
}

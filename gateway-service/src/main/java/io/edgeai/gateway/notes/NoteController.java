package io.edgeai.gateway.notes;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.notes.NoteLimits;
import io.edgeai.contracts.notes.SimilarNotes;
import io.edgeai.gateway.client.NoteShardClient;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.client.TextModelClient.TextModelUnavailable;
import io.edgeai.gateway.config.NotesProperties;
import io.edgeai.gateway.security.ApiKey;
import io.edgeai.gateway.security.ApiKeyAuthenticationFilter;
import io.edgeai.gateway.web.ServiceUnavailable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Operators' notes at the gateway: write one on a device (optionally on one of its alerts or predictions), list a
 * device's notes, search the fleet's notes by meaning. Operators write, viewers read ({@code AccessPolicy}: POST
 * needs operator, GET viewer). The author of a note is the name of the API key that wrote it.
 */
@RestController
public class NoteController {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + NoteLimits.MAX_NOTE_ID + "}");

    private final NoteRecorder recorder;
    private final NoteSearch search;
    private final NoteShardClient shards;
    private final NotesProperties properties;

    public NoteController(NoteRecorder recorder, NoteSearch search, NoteShardClient shards,
                          NotesProperties properties) {
        this.recorder = recorder;
        this.search = search;
        this.shards = shards;
        this.properties = properties;
    }

    /**
     * {@code {"text": "...", "alertId"?: "...", "predictionId"?: "...", "action"?: "...", "id"?: "..."}}: 201 with
     * the stored note, its suggested failure mode and the fleet's most similar past notes; 200 when a note with this
     * {@code id} was stored before (a retry).
     */
    @PostMapping(path = "/api/v1/devices/{deviceId}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> write(@PathVariable String deviceId, @RequestBody JsonNode body,
                                              ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        List<FieldViolation> violations = new ArrayList<>();
        String deviceProblem = DeviceIds.problem(deviceId);
        if (deviceProblem != null) {
            violations.add(new FieldViolation("deviceId", deviceProblem));
        }
        if (body == null || !body.isObject()) {
            violations.add(new FieldViolation("body", "must be a JSON object with a text"));
            return Mono.just(refuse(violations, path));
        }
        String text = string(body, "text", violations);
        String action = string(body, "action", violations);
        String alertId = string(body, "alertId", violations);
        String predictionId = string(body, "predictionId", violations);
        String id = string(body, "id", violations);
        problem(violations, "text", text, NoteLimits.MAX_TEXT, true);
        problem(violations, "action", action, NoteLimits.MAX_ACTION, false);
        if (alertId != null && (alertId.isBlank() || alertId.length() > 200 || alertId.indexOf('/') >= 0
                || alertId.indexOf('\\') >= 0)) {
            violations.add(new FieldViolation("alertId", "must be 1..200 characters without / or \\"));
        }
        if (predictionId != null && (predictionId.isBlank() || predictionId.length() > 300)) {
            violations.add(new FieldViolation("predictionId", "must be 1..300 characters"));
        }
        if (id != null && !ID.matcher(id).matches()) {
            violations.add(new FieldViolation("id", "must be 1.." + NoteLimits.MAX_NOTE_ID
                    + " letters, digits or . _ : -"));
        }
        if (!violations.isEmpty()) {
            return Mono.just(refuse(violations, path));
        }
        NoteRecorder.NewNote note = new NoteRecorder.NewNote(id == null ? "note-" + UUID.randomUUID() : id, deviceId,
                alertId, predictionId, author(exchange), text, action);
        return recorder.record(note)
                .map(outcome -> outcome.refusal() != null ? asIs(outcome.refusal())
                        : ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                                .contentType(MediaType.APPLICATION_JSON).body((Object) outcome.answer()))
                .onErrorResume(StageException.class, e -> Mono.just(ServiceUnavailable.answer("data-shard",
                        "The data-shard service is not reachable; the note was not stored, retry later.", path)));
    }

    /** A device's notes, newest first ({@code alertId} and {@code limit} as data-shard takes them). */
    @GetMapping("/api/v1/devices/{deviceId}/notes")
    public Mono<ResponseEntity<Object>> list(@PathVariable String deviceId,
                                             @RequestParam(required = false) String alertId,
                                             @RequestParam(required = false) String limit,
                                             ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        String deviceProblem = DeviceIds.problem(deviceId);
        if (deviceProblem != null) {
            return Mono.just(refuse(List.of(new FieldViolation("deviceId", deviceProblem)), path));
        }
        return shards.list(deviceId, alertId, limit, properties.timeout())
                .map(NoteController::asIs)
                .onErrorResume(StageException.class, e -> Mono.just(ServiceUnavailable.answer("data-shard",
                        "The data-shard service is not reachable; retry later.", path)));
    }

    /** The fleet's notes nearest in meaning to {@code q}: 503 when the encoder is not served. */
    @GetMapping("/api/v1/notes/search")
    public Mono<ResponseEntity<Object>> search(@RequestParam(required = false) String q,
                                               @RequestParam(required = false) String k,
                                               ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        List<FieldViolation> violations = new ArrayList<>();
        problem(violations, "q", q, NoteLimits.MAX_TEXT, true);
        int count = properties.similar();
        if (k != null) {
            try {
                count = Integer.parseInt(k.trim());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > NoteLimits.MAX_K) {
                violations.add(new FieldViolation("k", "must be a whole number from 1 to " + NoteLimits.MAX_K));
            }
        }
        if (!violations.isEmpty()) {
            return Mono.just(refuse(violations, path));
        }
        return search.byText(q, count)
                .map(found -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body((Object) new SearchAnswer(q, found.model(), found.scanned(), found.items())))
                .onErrorResume(TextModelUnavailable.class, e -> Mono.just(ServiceUnavailable.answer("inference",
                        "The encoder " + properties.encoder() + " cannot embed the query ("
                                + (e.notServed() ? "it is not served" : "inference is unavailable")
                                + "); search by meaning needs it.", path)))
                .onErrorResume(StageException.class, e -> Mono.just(ServiceUnavailable.answer("data-shard",
                        "A data-shard instance is not reachable; the search would miss its notes, retry later.",
                        path)));
    }

    /**
     * The answer of a search: the query, the encoder that compared, how many stored notes were compared, and the
     * best notes with their score.
     */
    public record SearchAnswer(String query, String model, long scanned, List<SimilarNotes.ScoredNote> items) {
    }

    private static String author(ServerWebExchange exchange) {
        ApiKey caller = exchange.getAttribute(ApiKeyAuthenticationFilter.CALLER);
        return caller == null ? "anonymous" : caller.name();
    }

    /** The field's text, null when absent or null; a violation when it is not a string. */
    private static String string(JsonNode body, String field, List<FieldViolation> violations) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(new FieldViolation(field, "must be a string"));
            return null;
        }
        return value.asString();
    }

    private static void problem(List<FieldViolation> violations, String field, String value, int max,
                                boolean required) {
        if (value == null && !required) {
            return;
        }
        if (violations.stream().anyMatch(v -> v.field().equals(field))) {
            return;
        }
        String problem = NoteLimits.textProblem(value, max);
        if (problem != null) {
            violations.add(new FieldViolation(field, problem));
        }
    }

    private static ResponseEntity<Object> refuse(List<FieldViolation> violations, String path) {
        ProblemDetail problem = Problems.validation(HttpStatus.BAD_REQUEST, violations);
        problem.setInstance(URI.create(path));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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

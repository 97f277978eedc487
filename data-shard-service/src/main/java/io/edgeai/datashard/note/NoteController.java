package io.edgeai.datashard.note;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.notes.Note;
import io.edgeai.contracts.notes.NoteWrite;
import io.edgeai.contracts.notes.SimilarNotes;
import io.edgeai.contracts.notes.SimilarNotesQuery;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.NoteTable;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.web.FieldRules;
import io.edgeai.datashard.web.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' notes: written by the gateway (which embeds and classifies them first), listed per device, and
 * searched by meaning over every shard this instance owns.
 */
@RestController
public class NoteController {

    static final int MAX_LIMIT = 500;

    private final ShardRegistry shards;
    private final NoteSearch search;
    private final ShardMetrics metrics;

    public NoteController(ShardRegistry shards, NoteSearch search, ShardMetrics metrics) {
        this.shards = shards;
        this.search = search;
        this.metrics = metrics;
    }

    /** The notes of one device, newest first. */
    public record DeviceNotes(String deviceId, int shard, int count, List<Note> items) {
    }

    /**
     * Stores a note: 201 when new, 200 when this id was stored before with the same words (a retry), 409 when the id
     * names another note, 404 when the alert or prediction it refers to is not the device's.
     */
    @PostMapping("/api/v1/notes")
    public ResponseEntity<Note> write(@RequestBody NoteWrite body) {
        NoteRules.check(body);
        ShardStore store = shards.forDevice("deviceId", body.deviceId());
        if (body.alertId() != null && store.alerts().find(body.alertId())
                .filter(a -> a.deviceId().equals(body.deviceId())).isEmpty()) {
            throw new NotFoundException("alertId", "no alert " + body.alertId() + " for device " + body.deviceId());
        }
        if (body.predictionId() != null && store.predictions().find(body.predictionId())
                .filter(p -> p.deviceId().equals(body.deviceId())).isEmpty()) {
            throw new NotFoundException("predictionId",
                    "no prediction " + body.predictionId() + " for device " + body.deviceId());
        }
        NoteTable.Saved saved = store.notes().save(body);
        switch (saved.outcome()) {
            case CREATED -> {
                metrics.noteWritten(store.shard());
                return ResponseEntity.status(HttpStatus.CREATED).body(saved.note());
            }
            case SAME -> {
                return ResponseEntity.ok(saved.note());
            }
            default -> throw new InvalidRequestException(HttpStatus.CONFLICT, List.of(new FieldViolation("noteId",
                    "already names another note (of device " + saved.note().deviceId() + ")")));
        }
    }

    @GetMapping("/api/v1/devices/{deviceId}/notes")
    public DeviceNotes ofDevice(@PathVariable String deviceId,
                                @RequestParam(required = false) String alertId,
                                @RequestParam(defaultValue = "50") int limit) {
        FieldRules rules = new FieldRules();
        rules.deviceId("deviceId", deviceId);
        if (alertId != null) {
            rules.alertId("alertId", alertId);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            rules.add("limit", "must be between 1 and " + MAX_LIMIT);
        }
        rules.throwIfAny();
        ShardStore store = shards.forDevice("deviceId", deviceId);
        List<Note> notes = store.notes().ofDevice(deviceId, alertId, limit);
        return new DeviceNotes(deviceId, store.shard(), notes.size(), notes);
    }

    /** The k notes of this instance's shards nearest in meaning to the query embedding. */
    @PostMapping("/api/v1/notes/similar")
    public SimilarNotes similar(@RequestBody SimilarNotesQuery body) {
        return search.nearest(NoteRules.check(body));
    }
}

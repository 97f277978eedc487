package io.edgeai.gateway.notes;

import io.edgeai.contracts.notes.Note;
import io.edgeai.contracts.notes.NoteWrite;
import io.edgeai.gateway.client.NoteShardClient;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.client.TextModelClient;
import io.edgeai.gateway.client.TextModelClient.Embeddings;
import io.edgeai.gateway.client.TextModelClient.Label;
import io.edgeai.gateway.client.TextModelClient.TextModelUnavailable;
import io.edgeai.gateway.config.NotesProperties;
import io.edgeai.gateway.config.SpoolProperties;
import io.edgeai.gateway.spool.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a new note: the encoder embeds it and the site's classifier suggests a failure mode (both at once), the
 * note is written to its device's owner shard, and the fleet's most similar past notes come back with it.
 *
 * <p>What a missing model does: without the classifier (not served, or failing) the note has no suggestion; without
 * the encoder the note is still stored, without an embedding, and the answer says it will not be found by search.
 * An operator's words are never refused because a model is down; only data-shard being unreachable refuses a note
 * (503), since nothing could be stored.
 */
@Component
public class NoteRecorder {

    /** What became of one note: data-shard's answer (passed on when it is a refusal) and the note's answer. */
    public record Outcome(ResponseEntity<byte[]> refusal, NoteAnswer answer, boolean created) {
    }

    private static final Logger log = LoggerFactory.getLogger(NoteRecorder.class);

    private final TextModelClient models;
    private final NoteShardClient shards;
    private final NoteSearch search;
    private final NotesProperties properties;
    private final Spool spool;
    private final SpoolProperties spoolProperties;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public NoteRecorder(TextModelClient models, NoteShardClient shards, NoteSearch search, NotesProperties properties,
                        Spool spool, SpoolProperties spoolProperties, JsonMapper json, MeterRegistry meters) {
        this.models = models;
        this.shards = shards;
        this.search = search;
        this.properties = properties;
        this.spool = spool;
        this.spoolProperties = spoolProperties;
        this.json = json;
        this.meters = meters;
    }

    /** A valid note to record (see {@link NoteController} for the rules). */
    public record NewNote(String noteId, String deviceId, String alertId, String predictionId, String author,
                          String text, String action) {
    }

    public Mono<Outcome> record(NewNote n) {
        // Written by the two model calls, which may finish on different threads.
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        Mono<Optional<Embeddings>> embedding = models.embed(properties.encoder(), List.of(n.text()),
                        properties.timeout())
                .map(e -> {
                    if (e.truncated().get(0)) {
                        notices.add("The note is longer than the encoder " + e.model() + " reads: only its beginning"
                                + " was embedded for search; the whole text is stored.");
                    }
                    return Optional.of(e);
                })
                .onErrorResume(TextModelUnavailable.class, e -> {
                    log.warn("note {}: no embedding: {}", n.noteId(), e.getMessage());
                    notices.add("The encoder " + properties.encoder() + " could not embed the note ("
                            + (e.notServed() ? "not served" : "unavailable") + "): it is stored without an embedding"
                            + " and will not be found by search.");
                    return Mono.just(Optional.empty());
                });
        Mono<Optional<Label>> suggestion = models.classify(properties.classifier(), n.text(), properties.timeout())
                .map(Optional::of)
                .onErrorResume(TextModelUnavailable.class, e -> {
                    if (!e.notServed()) {
                        log.warn("note {}: no suggestion: {}", n.noteId(), e.getMessage());
                        notices.add("The classifier " + properties.classifier() + " did not answer: no suggested"
                                + " failure mode.");
                    }
                    return Mono.just(Optional.empty());
                });
        // The alert or prediction a note names may still be in the spool on its way to data-shard.
        Mono<Void> delivered = n.alertId() == null && n.predictionId() == null ? Mono.empty()
                : Mono.fromFuture(() -> spool.deliveredFor(n.deviceId()), true)
                        .timeout(spoolProperties.feedbackWait()).onErrorResume(e -> Mono.empty()).then();
        return Mono.zip(embedding, suggestion, delivered.thenReturn(true))
                .flatMap(t -> store(n, t.getT1(), t.getT2(), notices));
    }

    private Mono<Outcome> store(NewNote n, Optional<Embeddings> embedding, Optional<Label> label,
                                List<String> notices) {
        NoteWrite write = new NoteWrite(n.noteId(), n.deviceId(), n.alertId(), n.predictionId(), n.author(),
                n.text(), n.action(), Instant.now(),
                label.map(l -> new NoteWrite.Suggestion(l.label(), l.probability(), l.model(), l.version()))
                        .orElse(null),
                embedding.map(e -> new NoteWrite.Embedding(e.model(), e.version(), e.vectors().get(0)))
                        .orElse(null));
        return shards.write(write, properties.timeout()).flatMap(answer -> {
            if (!answer.getStatusCode().is2xxSuccessful()) {
                meters.counter("edge.notes.written", "outcome", "refused").increment();
                return Mono.just(new Outcome(answer, null, false));
            }
            boolean created = answer.getStatusCode().value() == 201;
            meters.counter("edge.notes.written", "outcome", created ? "created" : "retry").increment();
            Note note;
            try {
                note = json.readValue(answer.getBody(), Note.class);
            } catch (RuntimeException e) {
                return Mono.error(StageException.unavailable("data-shard", "answered an unreadable note: " + e, e));
            }
            if (embedding.isEmpty()) {
                return Mono.just(new Outcome(null, new NoteAnswer(note, List.of(), List.copyOf(notices)), created));
            }
            Embeddings e = embedding.get();
            return search.byVector(e.vectors().get(0), e.model(), properties.similar(), note.noteId())
                    .map(similar -> new Outcome(null, new NoteAnswer(note, similar.items(), List.copyOf(notices)), created))
                    .onErrorResume(error -> {
                        log.warn("note {}: similar notes unavailable: {}", n.noteId(), error.getMessage());
                        List<String> more = new ArrayList<>(notices);
                        more.add("Similar notes could not be gathered from every data-shard instance: "
                                + error.getMessage());
                        return Mono.just(new Outcome(null, new NoteAnswer(note, List.of(), more), created));
                    });
        });
    }
}

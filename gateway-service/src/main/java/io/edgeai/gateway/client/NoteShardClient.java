package io.edgeai.gateway.client;

import io.edgeai.contracts.notes.NoteWrite;
import io.edgeai.contracts.notes.SimilarNotes;
import io.edgeai.contracts.notes.SimilarNotesQuery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * data-shard's notes endpoints: a note is written to and listed from the owner of its device; a similarity query
 * goes to every owner, since each holds only its shards' notes. Answers come back as data-shard gave them (status,
 * problem+json); an owner that cannot be reached fails the call with {@link StageException#unavailable}.
 */
@Component
public class NoteShardClient {

    static final String STAGE = "data-shard";

    private final WebClient http;
    private final ShardRouter router;

    public NoteShardClient(WebClient http, ShardRouter router) {
        this.http = http;
        this.router = router;
    }

    /** Writes the note at its device's owner; data-shard's answer as is. */
    public Mono<ResponseEntity<byte[]>> write(NoteWrite note, Duration timeout) {
        URI owner = router.ownerOf(note.deviceId());
        return guard(http.post().uri(owner.resolve("/api/v1/notes")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(note).exchangeToMono(r -> r.toEntity(byte[].class)), owner, timeout);
    }

    /** The device's notes from its owner ({@code alertId} and {@code limit} optional); data-shard's answer as is. */
    public Mono<ResponseEntity<byte[]>> list(String deviceId, String alertId, String limit, Duration timeout) {
        URI owner = router.ownerOf(deviceId);
        URI uri = UriComponentsBuilder.fromUri(owner).path("/api/v1/devices/{d}/notes")
                .queryParamIfPresent("alertId", java.util.Optional.ofNullable(alertId))
                .queryParamIfPresent("limit", java.util.Optional.ofNullable(limit))
                .encode().buildAndExpand(deviceId).toUri();
        return guard(http.get().uri(uri).exchangeToMono(r -> r.toEntity(byte[].class)), owner, timeout);
    }

    /** Every owner's nearest notes to the query (in owner order); fails when any owner fails. */
    public Mono<List<SimilarNotes>> similar(SimilarNotesQuery query, Duration timeout) {
        return Flux.fromIterable(router.owners())
                .flatMapSequential(owner -> guard(http.post().uri(owner.resolve("/api/v1/notes/similar"))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(query)
                        .exchangeToMono(r -> r.statusCode().is2xxSuccessful() ? r.bodyToMono(SimilarNotes.class)
                                : r.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> Mono.error(
                                        StageException.unavailable(STAGE, owner + " answered "
                                                + r.statusCode().value() + " " + body, null)))), owner, timeout))
                .collectList();
    }

    private static <T> Mono<T> guard(Mono<T> call, URI owner, Duration timeout) {
        return call.timeout(timeout).onErrorMap(e -> !(e instanceof StageException),
                e -> StageException.unavailable(STAGE, owner + ": " + e, e));
    }
}

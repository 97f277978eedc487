package io.edgeai.gateway.notes;

import io.edgeai.contracts.notes.SimilarNotes;
import io.edgeai.contracts.notes.SimilarNotesQuery;
import io.edgeai.gateway.client.NoteShardClient;
import io.edgeai.gateway.client.TextModelClient;
import io.edgeai.gateway.config.NotesProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds past notes by meaning for the whole fleet: the text is embedded by the encoder, every data-shard owner
 * returns its k nearest notes of that encoder, and the answers are merged by score into the fleet's k nearest.
 */
@Component
public class NoteSearch {

    private static final Comparator<SimilarNotes.ScoredNote> BEST_FIRST = Comparator
            .comparingDouble(SimilarNotes.ScoredNote::score).reversed()
            .thenComparing(s -> s.note().noteId());

    private final TextModelClient models;
    private final NoteShardClient shards;
    private final NotesProperties properties;

    public NoteSearch(TextModelClient models, NoteShardClient shards, NotesProperties properties) {
        this.models = models;
        this.shards = shards;
        this.properties = properties;
    }

    /** The k notes nearest in meaning to the text; fails when the encoder or a data-shard owner cannot answer. */
    public Mono<SimilarNotes> byText(String text, int k) {
        return models.embed(properties.encoder(), List.of(text), properties.timeout())
                .flatMap(e -> byVector(e.vectors().get(0), e.model(), k, null));
    }

    /** The fleet's k notes nearest to a vector of the encoder {@code model}, leaving out one note. */
    public Mono<SimilarNotes> byVector(float[] vector, String model, int k, String excludeNoteId) {
        return shards.similar(new SimilarNotesQuery(vector, model, k, excludeNoteId), properties.timeout())
                .map(answers -> merge(model, k, answers));
    }

    static SimilarNotes merge(String model, int k, List<SimilarNotes> answers) {
        List<SimilarNotes.ScoredNote> all = new ArrayList<>();
        long scanned = 0;
        for (SimilarNotes answer : answers) {
            scanned += answer.scanned();
            if (answer.items() != null) {
                all.addAll(answer.items());
            }
        }
        all.sort(BEST_FIRST);
        return new SimilarNotes(model, scanned, all.size() > k ? List.copyOf(all.subList(0, k)) : all);
    }
}

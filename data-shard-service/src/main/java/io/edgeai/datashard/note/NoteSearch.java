package io.edgeai.datashard.note;

import io.edgeai.contracts.notes.Note;
import io.edgeai.contracts.notes.SimilarNotes;
import io.edgeai.contracts.notes.SimilarNotesQuery;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.NearestNotes;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.Vectors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Similar-note search over every shard this instance owns: one brute-force cosine scan of the stored embeddings of
 * the query's encoder, keeping the k best in one heap, then the full rows of those k.
 */
@Component
public class NoteSearch {

    private final ShardRegistry shards;
    private final Timer timer;
    private final Counter scannedCounter;

    public NoteSearch(ShardRegistry shards, MeterRegistry meters) {
        this.shards = shards;
        this.timer = Timer.builder("edge.notes.search").description("Time of one similar-notes scan over the owned shards")
                .publishPercentileHistogram().register(meters);
        this.scannedCounter = Counter.builder("edge.notes.search.scanned")
                .description("Stored note embeddings compared by similar-notes searches").register(meters);
    }

    /** The query's k nearest notes; the query is valid (see {@link NoteRules}). */
    public SimilarNotes nearest(SimilarNotesQuery query) {
        return timer.record(() -> {
            float[] unit = Vectors.unit(query.embedding());
            NearestNotes nearest = new NearestNotes(query.k());
            for (ShardStore store : shards.owned()) {
                store.notes().scan(unit, query.model(), query.excludeNoteId(), nearest);
            }
            scannedCounter.increment(nearest.scanned());
            List<NearestNotes.Hit> best = nearest.best();
            Map<Integer, List<String>> idsByShard = best.stream().collect(Collectors.groupingBy(
                    NearestNotes.Hit::shard, Collectors.mapping(NearestNotes.Hit::noteId, Collectors.toList())));
            Map<String, Note> notes = new HashMap<>();
            idsByShard.forEach((shard, ids) -> shards.get(shard).notes().byIds(ids)
                    .forEach(n -> notes.put(n.noteId(), n)));
            List<SimilarNotes.ScoredNote> items = new ArrayList<>();
            for (NearestNotes.Hit hit : best) {
                Note note = notes.get(hit.noteId());
                if (note != null) {
                    items.add(new SimilarNotes.ScoredNote(hit.score(), note));
                }
            }
            return new SimilarNotes(query.model(), nearest.scanned(), items);
        });
    }
}

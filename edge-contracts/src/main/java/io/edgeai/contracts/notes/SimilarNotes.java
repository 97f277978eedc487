package io.edgeai.contracts.notes;

import java.util.List;

/**
 * The notes most similar to a query, best first: one data-shard instance's answer, or the gateway's merge of every
 * instance's answers.
 *
 * @param model   the encoder whose embeddings were compared
 * @param scanned how many stored embeddings were compared
 * @param items   the best notes, highest score first
 */
public record SimilarNotes(String model, long scanned, List<ScoredNote> items) {

    /**
     * One similar note.
     *
     * @param score cosine similarity to the query, -1..1 (1: the same meaning)
     * @param note  the stored note, with what was done about it ({@code action})
     */
    public record ScoredNote(double score, Note note) {
    }
}

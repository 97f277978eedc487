package io.edgeai.contracts.notes;

/**
 * "Which stored notes mean the most nearly the same?" ({@code POST /api/v1/notes/similar} on each data-shard
 * instance): cosine similarity of {@code embedding} against every note of the instance's shards embedded by the same
 * encoder {@code model}, the {@code k} best.
 *
 * @param embedding     the query vector (any length; stored vectors of another length are skipped)
 * @param model         the encoder that made it; only notes embedded by this model are compared
 * @param k             how many to return, 1..{@link NoteLimits#MAX_K}
 * @param excludeNoteId a note not to return (the one just written), or null
 */
public record SimilarNotesQuery(float[] embedding, String model, Integer k, String excludeNoteId) {
}

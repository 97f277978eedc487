package io.edgeai.gateway.notes;

import io.edgeai.contracts.notes.Note;
import io.edgeai.contracts.notes.SimilarNotes;
import java.util.List;

/**
 * The answer to a new note: the note as stored (with its suggested failure mode, if a classifier is served), the
 * fleet's most similar past notes with what was done about them, and notices when a model could not help.
 *
 * @param note    the stored note
 * @param similar the most similar past notes of the fleet, best first (empty when the note has no embedding)
 * @param notices what the operator should know: no encoder (not searchable), no classifier, similar notes missing
 */
public record NoteAnswer(Note note, List<SimilarNotes.ScoredNote> similar, List<String> notices) {
}

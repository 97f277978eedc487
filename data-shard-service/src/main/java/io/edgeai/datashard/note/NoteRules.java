package io.edgeai.datashard.note;

import io.edgeai.contracts.notes.NoteLimits;
import io.edgeai.contracts.notes.NoteWrite;
import io.edgeai.contracts.notes.SimilarNotesQuery;
import io.edgeai.datashard.web.FieldRules;

/** What a note write and a similarity query must satisfy; every problem is named at once (400). */
final class NoteRules {

    static final int DEFAULT_K = 5;

    private NoteRules() {
    }

    static void check(NoteWrite n) {
        FieldRules rules = new FieldRules();
        if (n == null) {
            rules.add("body", "is required");
            rules.throwIfAny();
        }
        rules.id("noteId", n.noteId(), NoteLimits.MAX_NOTE_ID);
        rules.deviceId("deviceId", n.deviceId());
        if (n.alertId() != null) {
            rules.alertId("alertId", n.alertId());
        }
        rules.optionalText("predictionId", n.predictionId(), 300);
        rules.text("author", n.author(), NoteLimits.MAX_AUTHOR);
        prose(rules, "text", n.text(), NoteLimits.MAX_TEXT);
        if (n.action() != null) {
            prose(rules, "action", n.action(), NoteLimits.MAX_ACTION);
        }
        rules.time("createdAt", n.createdAt());
        if (n.suggestion() != null) {
            NoteWrite.Suggestion s = n.suggestion();
            rules.text("suggestion.failureMode", s.failureMode(), 64);
            if (s.probability() != null && !(s.probability() >= 0 && s.probability() <= 1)) {
                rules.add("suggestion.probability", "must be between 0 and 1");
            }
            rules.optionalText("suggestion.model", s.model(), 128);
            rules.optionalText("suggestion.version", s.version(), 32);
        }
        if (n.embedding() != null) {
            rules.text("embedding.model", n.embedding().model(), 128);
            rules.optionalText("embedding.version", n.embedding().version(), 32);
            vector(rules, "embedding.vector", n.embedding().vector());
        }
        rules.throwIfAny();
    }

    static SimilarNotesQuery check(SimilarNotesQuery q) {
        FieldRules rules = new FieldRules();
        if (q == null) {
            rules.add("body", "is required");
            rules.throwIfAny();
        }
        vector(rules, "embedding", q.embedding());
        rules.text("model", q.model(), 128);
        int k = q.k() == null ? DEFAULT_K : q.k();
        if (k < 1 || k > NoteLimits.MAX_K) {
            rules.add("k", "must be between 1 and " + NoteLimits.MAX_K);
        }
        rules.optionalText("excludeNoteId", q.excludeNoteId(), NoteLimits.MAX_NOTE_ID);
        rules.throwIfAny();
        return new SimilarNotesQuery(q.embedding(), q.model(), k, q.excludeNoteId());
    }

    private static void prose(FieldRules rules, String field, String value, int max) {
        String problem = NoteLimits.textProblem(value, max);
        if (problem != null) {
            rules.add(field, problem);
        }
    }

    private static void vector(FieldRules rules, String field, float[] vector) {
        if (vector == null || vector.length == 0) {
            rules.add(field, "is required (an array of numbers)");
            return;
        }
        if (vector.length > NoteLimits.MAX_DIMENSIONS) {
            rules.add(field, "must have at most " + NoteLimits.MAX_DIMENSIONS + " values");
            return;
        }
        boolean anyNonZero = false;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                rules.add(field, "must hold finite numbers only");
                return;
            }
            anyNonZero |= v != 0;
        }
        if (!anyNonZero) {
            rules.add(field, "must not be all zeros (it has no direction to compare)");
        }
    }
}

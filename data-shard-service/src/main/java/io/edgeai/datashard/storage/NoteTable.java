package io.edgeai.datashard.storage;

import io.edgeai.contracts.notes.Note;
import io.edgeai.contracts.notes.NoteWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code note} table: operators' notes with their embedding, stored once per note id and committed before the
 * request is answered (the same durability as readings). Notes are not removed by retention: they are the site's
 * memory of what went wrong and what was done, and they are small (about 2 KB each with a MiniLM embedding).
 */
public final class NoteTable {

    /** What a write did. */
    public enum Outcome {
        /** Stored now. */
        CREATED,
        /** Stored before with the same content (a retry). */
        SAME,
        /** The id names a stored note with other content: nothing written. */
        CONFLICT
    }

    /** A write's outcome and the note stored under its id. */
    public record Saved(Outcome outcome, Note note) {
    }

    private static final String COLUMNS = "note_id, device_id, alert_id, prediction_id, author, note_text,"
            + " action_text, created_us, suggested_mode, suggested_probability, suggestion_model, suggestion_version,"
            + " embedding_model, embedding_version";

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final int shard;
    private final RowMapper<Note> mapper;

    NoteTable(JdbcTemplate jdbc, WriteTransactions writes, int shard) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.shard = shard;
        this.mapper = this::map;
    }

    /** Stores the note unless its id is taken, in its own write transaction. */
    public Saved save(NoteWrite n) {
        return writes.inWriteTransaction(() -> {
            Optional<Note> existing = find(n.noteId());
            if (existing.isPresent()) {
                return new Saved(sameContent(existing.get(), n) ? Outcome.SAME : Outcome.CONFLICT, existing.get());
            }
            NoteWrite.Suggestion s = n.suggestion();
            NoteWrite.Embedding e = n.embedding();
            jdbc.update("INSERT INTO note (" + COLUMNS + ", embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?)",
                    n.noteId(), n.deviceId(), n.alertId(), n.predictionId(), n.author(), n.text(), n.action(),
                    EpochMicros.of(n.createdAt()), s == null ? null : s.failureMode(),
                    s == null ? null : s.probability(), s == null ? null : s.model(), s == null ? null : s.version(),
                    e == null ? null : e.model(), e == null ? null : e.version(),
                    e == null ? null : Vectors.encode(e.vector()));
            return new Saved(Outcome.CREATED, find(n.noteId()).orElseThrow());
        });
    }

    /** A retry carries the same words about the same things; what the models said may differ and is not compared. */
    private static boolean sameContent(Note stored, NoteWrite n) {
        return stored.deviceId().equals(n.deviceId()) && stored.text().equals(n.text())
                && stored.author().equals(n.author()) && Objects.equals(stored.alertId(), n.alertId())
                && Objects.equals(stored.predictionId(), n.predictionId())
                && Objects.equals(stored.action(), n.action());
    }

    public Optional<Note> find(String noteId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM note WHERE note_id = ?", mapper, noteId).stream().findFirst();
    }

    /** The device's notes, newest first; only those on {@code alertId} when it is not null. */
    public List<Note> ofDevice(String deviceId, String alertId, int limit) {
        if (alertId == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM note WHERE device_id = ? ORDER BY created_us DESC, note_id"
                    + " LIMIT ?", mapper, deviceId, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM note WHERE device_id = ? AND alert_id = ?"
                + " ORDER BY created_us DESC, note_id LIMIT ?", mapper, deviceId, alertId, limit);
    }

    /** The notes with these ids (in no particular order). */
    public List<Note> byIds(Collection<String> noteIds) {
        List<Note> notes = new ArrayList<>();
        for (String id : noteIds) {
            find(id).ifPresent(notes::add);
        }
        return notes;
    }

    /**
     * Compares a unit query vector with every note embedded by {@code model} (brute force: at edge scale a scan of
     * stored bytes is fast enough and needs no index to keep in step), offering each to {@code nearest}.
     */
    public void scan(float[] unitQuery, String model, String excludeNoteId, NearestNotes nearest) {
        jdbc.query("SELECT note_id, embedding FROM note WHERE embedding_model = ? AND embedding IS NOT NULL", rs -> {
            String id = rs.getString(1);
            if (!id.equals(excludeNoteId)) {
                nearest.offer(Vectors.cosine(unitQuery, rs.getBytes(2)), id, shard);
            }
        }, model);
    }

    private Note map(ResultSet rs, int row) throws SQLException {
        String mode = rs.getString(9);
        double probability = rs.getDouble(10);
        Double p = rs.wasNull() ? null : probability;
        NoteWrite.Suggestion suggestion = mode == null ? null
                : new NoteWrite.Suggestion(mode, p, rs.getString(11), rs.getString(12));
        return new Note(rs.getString(1), rs.getString(2), shard, rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), EpochMicros.toInstant(rs.getLong(8)), suggestion, rs.getString(13),
                rs.getString(14));
    }
}

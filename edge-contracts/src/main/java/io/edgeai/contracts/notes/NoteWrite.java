package io.edgeai.contracts.notes;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An operator's note as the gateway writes it to the owner shard of its device ({@code POST /api/v1/notes} on
 * data-shard): the words, what they refer to, and what the gateway's models made of them. The write is idempotent by
 * {@code noteId}: the same id with the same content answers the stored note again; with other content, 409.
 *
 * @param noteId       the note's id, given by the gateway (or the client), {@code [A-Za-z0-9._:-]{1,128}}
 * @param deviceId     the device the note is about; its shard stores the note
 * @param alertId      optional alert of that device the note is about (must exist in the device's shard)
 * @param predictionId optional prediction of that device the note is about (must exist in the device's shard)
 * @param author       who wrote it: the name of the API key the gateway authenticated
 * @param text         the note, 1..{@link NoteLimits#MAX_TEXT} characters (line breaks allowed)
 * @param action       optional: what was done about it (the resolution), 1..{@link NoteLimits#MAX_ACTION} characters
 * @param createdAt    when the gateway accepted it
 * @param suggestion   the failure mode the site's text model suggests, or null when none is served
 * @param embedding    the note's text embedding, or null when no encoder answered (the note is then not searchable)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoteWrite(String noteId, String deviceId, String alertId, String predictionId, String author,
                        String text, String action, Instant createdAt, Suggestion suggestion, Embedding embedding) {

    /**
     * What a text classifier made of the note.
     *
     * @param failureMode the label it chose
     * @param probability its probability, 0..1
     * @param model       the classifier model's name
     * @param version     the version that answered
     */
    public record Suggestion(String failureMode, Double probability, String model, String version) {
    }

    /**
     * A text embedding and the encoder that made it; vectors of different encoders are never compared.
     *
     * @param model   the encoder model's name (e.g. {@code all-minilm-l6-v2-int8})
     * @param version the version that answered
     * @param vector  the embedding, 1..{@link NoteLimits#MAX_DIMENSIONS} finite floats (384 for MiniLM)
     */
    public record Embedding(String model, String version, float[] vector) {
    }
}

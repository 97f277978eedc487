package io.edgeai.contracts.notes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A stored note as data-shard answers it (without the embedding vector, which stays in the shard).
 *
 * @param noteId           its id
 * @param deviceId         the device it is about
 * @param shard            the shard holding it
 * @param alertId          the alert it refers to, or null
 * @param predictionId     the prediction it refers to, or null
 * @param author           who wrote it
 * @param text             the note
 * @param action           what was done about it, or null
 * @param createdAt        when it was accepted
 * @param suggestion       the suggested failure mode, or null
 * @param embeddingModel   the encoder that embedded it, or null when it has no embedding (not searchable)
 * @param embeddingVersion that encoder's version, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Note(String noteId, String deviceId, int shard, String alertId, String predictionId, String author,
                   String text, String action, Instant createdAt, NoteWrite.Suggestion suggestion,
                   String embeddingModel, String embeddingVersion) {
}

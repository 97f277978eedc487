package io.edgeai.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operators' notes: which text models read them.
 *
 * @param encoder    the sentence encoder that embeds notes and search queries (an OIP model of inference-service
 *                   answering {@code text} BYTES with an {@code embedding} FP32 [n, d]). Notes are only compared with
 *                   notes embedded by the same encoder: changing it hides older notes from search until they are
 *                   embedded again.
 * @param classifier the site's text classifier that suggests a failure mode ({@code text} BYTES in,
 *                   {@code probabilities} and {@code label} out); when it is not served a note gets no suggestion
 * @param similar    how many similar past notes a new note is answered with
 * @param timeout    longest wait for a text model or a data-shard instance
 */
@Validated
@ConfigurationProperties("edge.notes")
public record NotesProperties(
        @DefaultValue("all-minilm-l6-v2-int8") @NotBlank String encoder,
        @DefaultValue("maintenance-notes") @NotBlank String classifier,
        @DefaultValue("5") @Min(1) @Max(50) int similar,
        @DefaultValue("10s") Duration timeout) {
}

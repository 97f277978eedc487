package io.edgeai.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.contracts.PredictionIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void acceptsRepositoryNamesUpToSixtyFourCharacters() {
        assertThat(ModelNames.problem("ai4i-failure")).isNull();
        assertThat(ModelNames.problem("site_model.v2")).isNull();
        assertThat(ModelNames.problem("a".repeat(64))).isNull();
        assertThat(ModelNames.problem("a".repeat(65))).contains("at most 64");
        assertThat(ModelNames.problem(".hidden")).contains("letter or digit");
        assertThat(ModelNames.problem("../etc")).isNotNull();
        assertThat(ModelNames.problem("")).contains("empty");
        assertThat(ModelNames.isValid(null)).isFalse();
    }

    @Test
    void thresholdRefusesLowAboveHigh() {
        assertThat(new Threshold(0.5, 0.3).low()).isEqualTo(0.3);
        assertThatThrownBy(() -> new Threshold(0.3, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void predictionIdIsDerivedFromTheReadingAndTheModel() {
        assertThat(PredictionIds.of("m-1", Instant.parse("2026-01-01T00:00:00Z"), "ai4i-failure", "3"))
                .isEqualTo("m-1@2026-01-01T00:00:00Z/ai4i-failure/3");
    }
}

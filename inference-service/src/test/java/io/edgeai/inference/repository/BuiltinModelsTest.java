package io.edgeai.inference.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.inference.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoders written into a repository from the classpath jars. */
class BuiltinModelsTest {

    @Test
    void writesTheEncoderOnceAndNeverOverwritesIt() throws Exception {
        Path repo = TestModels.newRepository("builtin");
        BuiltinModels.seed(List.of("all-minilm-l6-v2-int8"), repo);
        Path version = repo.resolve("all-minilm-l6-v2-int8").resolve("1");
        assertThat(Files.size(version.resolve("model.onnx"))).isGreaterThan(20_000_000);
        assertThat(Files.readString(version.resolve("tokenizer.json"))).contains("WordPiece");
        ModelConfig config = ModelConfigCodec.read(version.resolve("model.json"));
        assertThat(config.platform()).isEqualTo(ModelConfig.PLATFORM_ONNX);
        assertThat(config.textEncoder().maxTokens()).isEqualTo(256);
        try (var children = Files.list(version.getParent())) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly("1"); // no staging left
        }

        Files.writeString(version.resolve("model.json"), "{\"edited\": true}");
        BuiltinModels.seed(List.of("all-minilm-l6-v2-int8"), repo);
        assertThat(Files.readString(version.resolve("model.json"))).isEqualTo("{\"edited\": true}");
    }

    @Test
    void anUnknownNameIsASettingError() {
        assertThatThrownBy(() -> BuiltinModels.seed(List.of("gpt-9"), TestModels.newRepository("builtin")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpt-9");
    }
}

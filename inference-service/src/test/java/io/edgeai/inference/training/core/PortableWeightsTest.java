package io.edgeai.inference.training.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The form weights travel to the hub in, on the committed ai4i-failure version: DJL parameters -> portable weights
 * -> bytes -> weights -> DJL parameters gives back the same network, and weights that do not fit the architecture
 * are refused with the parameter that differs (a hub must never get a site to load a different network).
 */
class PortableWeightsTest {

    private static final Path VERSION = Path.of("..", "models", "ai4i-failure", "1");
    private static ModelConfig config;
    private static byte[] params;

    @BeforeAll
    static void committedModel() throws Exception {
        assumeTrue(Files.isRegularFile(VERSION.resolve("model.params")), "no committed ai4i-failure/1");
        System.setProperty("ai.djl.offline", "true");
        config = ModelConfigCodec.read(VERSION.resolve("model.json"));
        params = Files.readAllBytes(VERSION.resolve("model.params"));
    }

    @Test
    void weightsSurviveTheTripThroughBytesAndBack() {
        ModelWeights weights = PortableWeights.fromParams(config.architecture(), params);
        assertThat(weights.tensors()).isNotEmpty();
        byte[] bytes = weights.encode();
        ModelWeights decoded = ModelWeights.decode(bytes);
        assertThat(decoded.sameLayout(weights)).isTrue();
        for (int i = 0; i < weights.tensors().size(); i++) {
            assertThat(decoded.tensors().get(i).values()).containsExactly(weights.tensors().get(i).values());
        }
        ModelWeights again = PortableWeights.fromParams(config.architecture(),
                PortableWeights.toParams(config.architecture(), decoded));
        assertThat(ModelWeights.sha256(again.encode())).isEqualTo(ModelWeights.sha256(bytes));
    }

    @Test
    void weightsOfAnotherShapeAreRefusedNamingTheParameter() {
        ModelWeights weights = PortableWeights.fromParams(config.architecture(), params);
        List<ModelWeights.Tensor> tensors = new ArrayList<>(weights.tensors());
        ModelWeights.Tensor first = tensors.get(0);
        long[] wider = first.shape().clone();
        wider[wider.length - 1] += 1;
        long count = Arrays.stream(wider).reduce(1, (a, b) -> a * b);
        tensors.set(0, new ModelWeights.Tensor(first.name(), wider, new float[(int) count]));
        assertThatThrownBy(() -> PortableWeights.toParams(config.architecture(), new ModelWeights(tensors)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(first.name())
                .hasMessageContaining("parameter 0");

        List<ModelWeights.Tensor> fewer = new ArrayList<>(weights.tensors().subList(0, tensors.size() - 1));
        assertThatThrownBy(() -> PortableWeights.toParams(config.architecture(), new ModelWeights(fewer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }

    @Test
    void bytesThatAreNotWeightsAreRefusedWithTheReason() {
        byte[] bytes = PortableWeights.fromParams(config.architecture(), params).encode();
        assertThatThrownBy(() -> ModelWeights.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelWeights.decode(Arrays.copyOf(bytes, bytes.length + 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the last tensor");
        byte[] notOurs = bytes.clone();
        notOurs[0] ^= 0x55;
        assertThatThrownBy(() -> ModelWeights.decode(notOurs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EDGW");
    }
}

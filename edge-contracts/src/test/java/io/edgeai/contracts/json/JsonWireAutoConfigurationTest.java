package io.edgeai.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

class JsonWireAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, JsonWireAutoConfiguration.class));

    @Test
    void bootsMapperWritesNumbersWithTheFastWriterAndTheyReadBackUnchanged() {
        context.run(ctx -> {
            JsonMapper json = ctx.getBean(JsonMapper.class);
            assertThat(json.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
            double[] values = {0.1, 1e-7, 298.1, 1551.0, 2.0E-3, Math.PI, Double.MIN_VALUE, 1.0 / 3};
            float[] floats = {0.1f, 42.8f, 1e-7f, (float) Math.E};
            assertThat(json.readValue(json.writeValueAsString(values), double[].class)).containsExactly(values);
            assertThat(json.readValue(json.writeValueAsString(floats), float[].class)).containsExactly(floats);
        });
    }
}

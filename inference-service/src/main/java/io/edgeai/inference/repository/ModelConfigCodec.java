package io.edgeai.inference.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes model.json: snake_case keys, nulls left out, pretty-printed so diffs stay readable. */
public final class ModelConfigCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelConfigCodec() {
    }

    /** The mapper model.json is written with (also for nested values such as the evaluation report). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static ModelConfig read(Path file) throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), ModelConfig.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("invalid " + file.getFileName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static void write(ModelConfig config, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(config) + "\n");
    }
}

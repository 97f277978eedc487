package io.edgeai.inference.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the model repository ({@code edge.inference.*}).
 *
 * @param modelRepository folder holding {@code <model>/<version>/model.json} (env EDGE_MODEL_REPOSITORY)
 * @param pollInterval    how often the folder is checked for new, changed or removed versions; 0 turns polling
 *                        off (then only the repository API loads and unloads, Triton's explicit mode)
 * @param dynamicBatching false disables request merging for every model (for comparisons and debugging)
 * @param modelSeed       optional folder of model versions copied into the repository at start when missing there
 *                        (env EDGE_MODEL_SEED_DIR; images ship the committed models at /app/models, so a fresh
 *                        volume fills itself and versions trained on site are never overwritten)
 * @param builtinModels   models shipped inside the service's jars, written into the repository at start when
 *                        missing there (env EDGE_BUILTIN_MODELS, comma-separated; empty for none): the sentence
 *                        encoders {@code all-minilm-l6-v2} (fp32) and {@code all-minilm-l6-v2-int8}
 */
@Validated
@ConfigurationProperties("edge.inference")
public record RepositoryProperties(@NotNull Path modelRepository, @DefaultValue("2s") Duration pollInterval,
                                   @DefaultValue("true") boolean dynamicBatching, Path modelSeed,
                                   List<String> builtinModels) {

    public RepositoryProperties {
        // An empty environment variable arrives as "": no seed folder.
        modelSeed = modelSeed == null || modelSeed.toString().isBlank() ? null : modelSeed;
        builtinModels = builtinModels == null ? List.of()
                : builtinModels.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

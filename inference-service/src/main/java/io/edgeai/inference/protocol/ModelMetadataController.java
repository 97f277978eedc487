package io.edgeai.inference.protocol;

import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-model endpoints: OIP model metadata and readiness, and Triton's model configuration extension (the version's
 * model.json, from which preprocessing and postprocessing read feature spec, labels and thresholds).
 */
@RestController
public class ModelMetadataController {

    private final ServedVersions served;

    public ModelMetadataController(ServedVersions served) {
        this.served = served;
    }

    @GetMapping({"/v2/models/{model}", "/v2/models/{model}/versions/{version}"})
    public ModelMetadata metadata(@PathVariable String model, @PathVariable(required = false) String version) {
        ModelVersion v = served.resolve(model, version);
        return new ModelMetadata(model,
                served.versions(model).stream().map(String::valueOf).toList(),
                v.config().platform(), v.config().inputs(), v.config().outputs());
    }

    @GetMapping({"/v2/models/{model}/ready", "/v2/models/{model}/versions/{version}/ready"})
    public Map<String, Object> ready(@PathVariable String model, @PathVariable(required = false) String version) {
        served.resolve(model, version); // 404 when not served
        return Map.of("name", model, "ready", true);
    }

    @GetMapping({"/v2/models/{model}/config", "/v2/models/{model}/versions/{version}/config"})
    public ResponseEntity<byte[]> config(@PathVariable String model, @PathVariable(required = false) String version) {
        ModelVersion v = served.resolve(model, version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(v.configJson());
    }
}

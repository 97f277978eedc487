package io.edgeai.inference.protocol;

import io.edgeai.inference.repository.ModelRepository;
import java.util.List;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Server-level endpoints of the Open Inference Protocol v2: metadata, liveness and readiness. */
@RestController
public class ServerMetadataController {

    private final ApplicationAvailability availability;
    private final ModelRepository repository;

    public ServerMetadataController(ApplicationAvailability availability, ModelRepository repository) {
        this.availability = availability;
        this.repository = repository;
    }

    @GetMapping({"/v2", "/v2/"})
    public Map<String, Object> serverMetadata() {
        return Map.of(
                "name", "edge-ai-inference",
                "version", getClass().getPackage().getImplementationVersion() == null
                        ? "dev" : getClass().getPackage().getImplementationVersion(),
                "extensions", List.of("model_repository", "model_configuration", "binary_tensor_data"));
    }

    @GetMapping("/v2/health/live")
    public ResponseEntity<Map<String, Boolean>> live() {
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        return ResponseEntity.status(live ? 200 : 503).body(Map.of("live", live));
    }

    @GetMapping("/v2/health/ready")
    public ResponseEntity<Map<String, Boolean>> ready() {
        // OIP: the server is ready when it accepts traffic and every model in the repository is served
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC && repository.allReady();
        return ResponseEntity.status(ready ? 200 : 503).body(Map.of("ready", ready));
    }
}

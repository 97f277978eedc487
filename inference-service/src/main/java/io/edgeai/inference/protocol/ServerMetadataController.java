package io.edgeai.inference.protocol;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Server-level endpoints of the Open Inference Protocol v2: metadata, liveness and readiness. */
@RestController
public class ServerMetadataController {

    private final ServerStatus status;

    public ServerMetadataController(ServerStatus status) {
        this.status = status;
    }

    @GetMapping({"/v2", "/v2/"})
    public Map<String, Object> serverMetadata() {
        return Map.of("name", ServerStatus.NAME, "version", status.version(), "extensions", ServerStatus.EXTENSIONS);
    }

    @GetMapping("/v2/health/live")
    public ResponseEntity<Map<String, Boolean>> live() {
        boolean live = status.live();
        return ResponseEntity.status(live ? 200 : 503).body(Map.of("live", live));
    }

    @GetMapping("/v2/health/ready")
    public ResponseEntity<Map<String, Boolean>> ready() {
        boolean ready = status.ready();
        return ResponseEntity.status(ready ? 200 : 503).body(Map.of("ready", ready));
    }
}

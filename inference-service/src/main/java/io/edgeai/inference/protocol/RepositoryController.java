package io.edgeai.inference.protocol;

import io.edgeai.inference.repository.IndexEntry;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelRepository;
import io.edgeai.inference.repository.VersionPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triton's model repository extension: index, load and unload. A load request may carry
 * {@code {"parameters": {"version_policy": {"specific": {"versions": [1]}}}}} to pin versions at run time.
 */
@RestController
public class RepositoryController {

    private final ModelRepository repository;

    public RepositoryController(ModelRepository repository) {
        this.repository = repository;
    }

    /** Body of index requests: {@code {"ready": true}} lists only ready versions. */
    public record IndexRequest(Boolean ready) {
    }

    /** Body of load and unload requests. */
    public record ControlRequest(Map<String, Object> parameters) {
    }

    @PostMapping("/v2/repository/index")
    public List<IndexEntry> index(@RequestBody(required = false) IndexRequest request) {
        List<IndexEntry> all = repository.index();
        if (request != null && Boolean.TRUE.equals(request.ready())) {
            return all.stream().filter(e -> "READY".equals(e.state())).toList();
        }
        return all;
    }

    @PostMapping("/v2/repository/models/{model}/load")
    public ResponseEntity<Void> load(@PathVariable String model,
                                     @RequestBody(required = false) ControlRequest request) {
        repository.load(model, policy(request));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/v2/repository/models/{model}/unload")
    public ResponseEntity<Void> unload(@PathVariable String model,
                                       @RequestBody(required = false) ControlRequest request) {
        repository.unload(model);
        return ResponseEntity.ok().build();
    }

    private static VersionPolicy policy(ControlRequest request) {
        if (request == null || request.parameters() == null || request.parameters().get("version_policy") == null) {
            return null;
        }
        try {
            return ModelConfigCodec.mapper().convertValue(request.parameters().get("version_policy"),
                    VersionPolicy.class);
        } catch (RuntimeException e) {
            throw new InvalidInputException("parameters.version_policy is not a version policy: " + e.getMessage());
        }
    }
}

package io.edgeai.inference.protocol;

import io.edgeai.inference.repository.ModelRepository;
import java.util.List;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/** What the server says of itself on REST ({@link ServerMetadataController}) and gRPC alike. */
@Component
public class ServerStatus {

    static final String NAME = "edge-ai-inference";
    static final List<String> EXTENSIONS = List.of("model_repository", "model_configuration", "binary_tensor_data");

    private final ApplicationAvailability availability;
    private final ModelRepository repository;

    public ServerStatus(ApplicationAvailability availability, ModelRepository repository) {
        this.availability = availability;
        this.repository = repository;
    }

    boolean live() {
        return availability.getLivenessState() == LivenessState.CORRECT;
    }

    /** OIP: the server is ready when it accepts traffic and every model in the repository is served. */
    boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC && repository.allReady();
    }

    String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}

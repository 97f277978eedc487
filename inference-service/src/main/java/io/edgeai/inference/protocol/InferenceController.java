package io.edgeai.inference.protocol;

import io.edgeai.inference.compute.OnnxTextEncoder;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.metrics.ModelVersionMetrics;
import io.edgeai.inference.repository.Lease;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Open Inference Protocol inference, unversioned (the policy's newest version) and versioned. */
@RestController
public class InferenceController {

    private final ServedVersions served;

    public InferenceController(ServedVersions served) {
        this.served = served;
    }

    @PostMapping("/v2/models/{model}/infer")
    public InferenceResponse infer(@PathVariable String model, @RequestBody InferenceRequest request) {
        return infer(model, null, request);
    }

    @PostMapping("/v2/models/{model}/versions/{version}/infer")
    public InferenceResponse infer(@PathVariable String model, @PathVariable String version,
                                   @RequestBody InferenceRequest request) {
        try (Lease lease = served.acquire(model, version)) {
            ModelVersion v = lease.version();
            List<Tensor> inputs;
            try {
                inputs = TensorCodec.decode(request, v.config());
            } catch (InvalidInputException e) {
                v.metrics().failed(ModelVersionMetrics.Failure.BAD_INPUT);
                throw e;
            }
            List<Tensor> outputs = v.infer(inputs);
            Map<String, Object> rowParameters = TensorCodec.rowParameters(outputs, v.config(), v.rowParameters());
            if (rowParameters != null && rowParameters.get(OnnxTextEncoder.TRUNCATED) instanceof boolean[] cut) {
                v.metrics().truncated(cut);
            }
            return new InferenceResponse(v.model(), Long.toString(v.version()), request.id(), rowParameters,
                    TensorCodec.encode(outputs, v.config(), request.outputs()));
        }
    }
}

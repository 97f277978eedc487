package io.edgeai.inference.protocol;

import io.edgeai.inference.compute.OnnxTextEncoder;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.metrics.ModelVersionMetrics;
import io.edgeai.inference.repository.Lease;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open Inference Protocol inference, unversioned (the policy's newest version) and versioned, with JSON bodies or
 * the binary tensor data extension ({@link BinaryTensors}: a request carrying {@code Inference-Header-Content-Length};
 * binary outputs on request, whatever the request's form).
 */
@RestController
public class InferenceController {

    private final ServedVersions served;
    private final JsonMapper json;

    public InferenceController(ServedVersions served, JsonMapper json) {
        this.served = served;
        this.json = json;
    }

    @PostMapping("/v2/models/{model}/infer")
    public ResponseEntity<?> infer(@PathVariable String model, @RequestBody InferenceRequest request,
                                   @RequestParam(required = false) Boolean explain) {
        return respond(infer(model, null, request, Map.of(), explain), request);
    }

    /**
     * @param explain {@code ?explain=true} (or the request parameter {@code "explain": true}) adds
     *                {@code parameters.explanations}: per row, one explanation per label
     */
    @PostMapping("/v2/models/{model}/versions/{version}/infer")
    public ResponseEntity<?> infer(@PathVariable String model, @PathVariable String version,
                                   @RequestBody InferenceRequest request,
                                   @RequestParam(required = false) Boolean explain) {
        return respond(infer(model, version, request, Map.of(), explain), request);
    }

    @PostMapping(path = {"/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer"},
            headers = BinaryTensors.HEADER)
    public ResponseEntity<?> inferBinary(@PathVariable String model, @PathVariable(required = false) String version,
                                         @RequestHeader(BinaryTensors.HEADER) String headerLength,
                                         @RequestBody byte[] body,
                                         @RequestParam(required = false) Boolean explain) {
        BinaryTensors.Parsed parsed = BinaryTensors.parse(body, headerLength, json);
        return respond(infer(model, version, parsed.request(), parsed.binary(), explain), parsed.request());
    }

    /** The one inference path of REST (JSON and binary) and gRPC: decode, infer, encode. */
    InferenceResponse infer(String model, String version, InferenceRequest request, Map<String, ByteBuffer> binary) {
        return infer(model, version, request, binary, null);
    }

    /** The same with REST's {@code ?explain=} (gRPC asks with the request parameter {@code explain}). */
    private InferenceResponse infer(String model, String version, InferenceRequest request,
                                    Map<String, ByteBuffer> binary, Boolean explain) {
        try (Lease lease = served.acquire(model, version)) {
            ModelVersion v = lease.version();
            List<Tensor> inputs;
            try {
                inputs = TensorCodec.decode(request, v.config(), binary);
            } catch (InvalidInputException e) {
                v.metrics().failed(ModelVersionMetrics.Failure.BAD_INPUT);
                throw e;
            }
            List<Tensor> outputs = v.infer(inputs);
            Map<String, Object> rowParameters = TensorCodec.rowParameters(outputs, v.config(), v.rowParameters());
            if (rowParameters != null && rowParameters.get(OnnxTextEncoder.TRUNCATED) instanceof boolean[] cut) {
                v.metrics().truncated(cut);
            }
            if (Explanations.requested(explain, request.parameters())) {
                rowParameters = rowParameters == null ? new LinkedHashMap<>() : rowParameters;
                rowParameters.put(Explanations.PARAMETER, Explanations.of(v, inputs));
            }
            return new InferenceResponse(v.model(), Long.toString(v.version()), request.id(), rowParameters,
                    TensorCodec.encode(outputs, v.config(), request.outputs()));
        }
    }

    /** JSON, or the binary layout when the request asks for any output in binary. */
    private ResponseEntity<?> respond(InferenceResponse response, InferenceRequest request) {
        if (response.outputs().stream().noneMatch(o -> BinaryTensors.wantsBinary(request, o.name()))) {
            return ResponseEntity.ok(response); // the common case: no allocation beyond the JSON answer
        }
        List<InferenceResponse.Output> outputs = new ArrayList<>(response.outputs().size());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (InferenceResponse.Output o : response.outputs()) {
            if (BinaryTensors.wantsBinary(request, o.name())) {
                byte[] bytes = BinaryTensors.encode(o.tensor());
                outputs.add(new InferenceResponse.Output(o.name(), o.datatype(), o.shape(),
                        Map.of(BinaryTensors.DATA_SIZE, bytes.length), null));
                data.writeBytes(bytes);
            } else {
                outputs.add(o);
            }
        }
        byte[] header = json.writeValueAsBytes(new InferenceResponse(response.modelName(), response.modelVersion(),
                response.id(), response.parameters(), outputs));
        ByteArrayOutputStream body = new ByteArrayOutputStream(header.length + data.size());
        body.writeBytes(header);
        body.writeBytes(data.toByteArray());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(BinaryTensors.HEADER, Integer.toString(header.length)).body(body.toByteArray());
    }
}

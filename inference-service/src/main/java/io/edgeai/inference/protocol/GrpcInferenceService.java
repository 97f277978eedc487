package io.edgeai.inference.protocol;

import com.google.protobuf.ByteString;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.batching.QueueFullException;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.repository.DependencyUnavailableException;
import io.edgeai.inference.repository.ModelNotFoundException;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.oip.grpc.GRPCInferenceServiceGrpc;
import io.edgeai.oip.grpc.InferParameter;
import io.edgeai.oip.grpc.InferTensorContents;
import io.edgeai.oip.grpc.ModelInferRequest;
import io.edgeai.oip.grpc.ModelInferResponse;
import io.edgeai.oip.grpc.ModelMetadataRequest;
import io.edgeai.oip.grpc.ModelMetadataResponse;
import io.edgeai.oip.grpc.ModelReadyRequest;
import io.edgeai.oip.grpc.ModelReadyResponse;
import io.edgeai.oip.grpc.ServerLiveRequest;
import io.edgeai.oip.grpc.ServerLiveResponse;
import io.edgeai.oip.grpc.ServerMetadataRequest;
import io.edgeai.oip.grpc.ServerMetadataResponse;
import io.edgeai.oip.grpc.ServerReadyRequest;
import io.edgeai.oip.grpc.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol over gRPC (KServe's {@code GRPCInferenceService}): the same models, validation and
 * batching as REST, through {@link InferenceController}'s one inference path. Inputs come as typed
 * {@code contents} or as {@code raw_input_contents} (the binary layout of {@link BinaryTensors}); a request that sent
 * raw inputs gets {@code raw_output_contents} back. Errors map to gRPC status codes as REST maps them to HTTP ones:
 * unknown model NOT_FOUND, bad input INVALID_ARGUMENT, a full queue or a missing dependency UNAVAILABLE.
 */
public class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(GrpcInferenceService.class);

    private final InferenceController inference;
    private final ServedVersions served;
    private final ServerStatus status;
    private final JsonMapper json;

    public GrpcInferenceService(InferenceController inference, ServedVersions served, ServerStatus status,
                                JsonMapper json) {
        this.inference = inference;
        this.served = served;
        this.status = status;
        this.json = json;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
        answer(out, () -> ServerLiveResponse.newBuilder().setLive(status.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
        answer(out, () -> ServerReadyResponse.newBuilder().setReady(status.ready()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
        answer(out, () -> ServerMetadataResponse.newBuilder().setName(ServerStatus.NAME).setVersion(status.version())
                .addAllExtensions(ServerStatus.EXTENSIONS).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
        answer(out, () -> {
            served.resolve(request.getName(), version(request.getVersion())); // NOT_FOUND when not served
            return ModelReadyResponse.newBuilder().setReady(true).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
        answer(out, () -> {
            ModelVersion v = served.resolve(request.getName(), version(request.getVersion()));
            ModelMetadataResponse.Builder b = ModelMetadataResponse.newBuilder().setName(request.getName())
                    .setPlatform(v.config().platform());
            served.versions(request.getName()).forEach(n -> b.addVersions(String.valueOf(n)));
            v.config().inputs().forEach(s -> b.addInputs(tensor(s)));
            v.config().outputs().forEach(s -> b.addOutputs(tensor(s)));
            return b.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
        answer(out, () -> {
            boolean raw = request.getRawInputContentsCount() > 0;
            if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
                throw new InvalidInputException("raw_input_contents has " + request.getRawInputContentsCount()
                        + " entries for " + request.getInputsCount() + " inputs: give one per input, in order");
            }
            List<InferenceRequest.Input> inputs = new ArrayList<>(request.getInputsCount());
            Map<String, ByteBuffer> binary = new HashMap<>();
            for (int i = 0; i < request.getInputsCount(); i++) {
                ModelInferRequest.InferInputTensor in = request.getInputs(i);
                inputs.add(new InferenceRequest.Input(in.getName(), in.getShapeList(), in.getDatatype(), null, null));
                ByteBuffer bytes = raw ? request.getRawInputContents(i).asReadOnlyByteBuffer()
                        : contents(in.getContents(), Datatype.parse(in.getDatatype()), in.getName());
                binary.put(in.getName(), bytes.order(ByteOrder.LITTLE_ENDIAN));
            }
            List<InferenceRequest.Output> outputs = request.getOutputsList().stream()
                    .map(o -> new InferenceRequest.Output(o.getName(), null)).toList();
            InferenceRequest oip = new InferenceRequest(request.getId().isEmpty() ? null : request.getId(), null,
                    inputs, outputs.isEmpty() ? null : outputs);
            InferenceResponse response = inference.infer(request.getModelName(), version(request.getModelVersion()),
                    oip, binary);
            return reply(response, raw);
        });
    }

    private ModelInferResponse reply(InferenceResponse response, boolean raw) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(response.modelName())
                .setModelVersion(response.modelVersion());
        if (response.id() != null) {
            b.setId(response.id());
        }
        if (response.parameters() != null) {
            // per-row facts (a text model's truncated flags): InferParameter holds scalars, so as JSON text
            response.parameters().forEach((k, v) -> b.putParameters(k,
                    InferParameter.newBuilder().setStringParam(json.writeValueAsString(v)).build()));
        }
        for (InferenceResponse.Output o : response.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder t = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(o.name()).setDatatype(o.datatype());
            for (long d : o.shape()) {
                t.addShape(d);
            }
            if (raw) {
                b.addRawOutputContents(ByteString.copyFrom(BinaryTensors.encode(o.tensor())));
            } else {
                t.setContents(contents(o.data()));
            }
            b.addOutputs(t);
        }
        return b.build();
    }

    /** Typed contents as the binary layout, so both forms go through the same checks. */
    private static ByteBuffer contents(InferTensorContents c, Datatype type, String name) {
        if (type == null) {
            return ByteBuffer.allocate(0); // TensorCodec names the unsupported datatype
        }
        ByteBuffer b;
        switch (type) {
            case BOOL -> {
                b = ByteBuffer.allocate(c.getBoolContentsCount());
                c.getBoolContentsList().forEach(v -> b.put((byte) (v ? 1 : 0)));
            }
            case INT32 -> {
                b = le(c.getIntContentsCount() * 4);
                c.getIntContentsList().forEach(b::putInt);
            }
            case INT64 -> {
                b = le(c.getInt64ContentsCount() * 8);
                c.getInt64ContentsList().forEach(b::putLong);
            }
            case FP32 -> {
                b = le(c.getFp32ContentsCount() * 4);
                c.getFp32ContentsList().forEach(b::putFloat);
            }
            case FP64 -> {
                b = le(c.getFp64ContentsCount() * 8);
                c.getFp64ContentsList().forEach(b::putDouble);
            }
            case BYTES -> {
                int size = 0;
                for (ByteString s : c.getBytesContentsList()) {
                    size += 4 + s.size();
                }
                b = le(size);
                for (ByteString s : c.getBytesContentsList()) {
                    b.putInt(s.size()).put(s.asReadOnlyByteBuffer());
                }
            }
            default -> throw new InvalidInputException("input '" + name + "' has unsupported datatype " + type);
        }
        return b.flip();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static InferTensorContents contents(Object data) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        if (data instanceof float[] f) {
            for (float v : f) {
                c.addFp32Contents(v);
            }
        } else if (data instanceof double[] d) {
            for (double v : d) {
                c.addFp64Contents(v);
            }
        } else if (data instanceof int[] n) {
            for (int v : n) {
                c.addIntContents(v);
            }
        } else if (data instanceof long[] n) {
            for (long v : n) {
                c.addInt64Contents(v);
            }
        } else if (data instanceof boolean[] z) {
            for (boolean v : z) {
                c.addBoolContents(v);
            }
        } else if (data instanceof String[] s) {
            for (String v : s) {
                c.addBytesContents(ByteString.copyFromUtf8(v));
            }
        } else {
            throw new IllegalStateException("unexpected tensor data " + data.getClass());
        }
        return c.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorSpec spec) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(spec.name()).setDatatype(spec.datatype())
                .addAllShape(spec.shape()).build();
    }

    private static String version(String version) {
        return version == null || version.isEmpty() ? null : version;
    }

    /** Runs one call and maps the suite's exceptions to gRPC status codes. */
    private static <T> void answer(StreamObserver<T> out, Supplier<T> call) {
        T reply;
        try {
            reply = call.get();
        } catch (ModelNotFoundException e) {
            out.onError(status(Status.NOT_FOUND, e));
            return;
        } catch (InvalidInputException e) {
            out.onError(status(Status.INVALID_ARGUMENT, e));
            return;
        } catch (QueueFullException | DependencyUnavailableException e) {
            out.onError(status(Status.UNAVAILABLE, e));
            return;
        } catch (RuntimeException e) {
            log.warn("gRPC call failed", e);
            out.onError(status(Status.INTERNAL, e));
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }

    private static StatusRuntimeException status(Status status, Exception e) {
        return status.withDescription(e.getMessage()).asRuntimeException();
    }
}

package io.edgeai.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.gateway.security.ApiKeyStore;
import io.edgeai.oip.grpc.GRPCInferenceServiceGrpc;
import io.edgeai.oip.grpc.InferTensorContents;
import io.edgeai.oip.grpc.ModelInferRequest;
import io.edgeai.oip.grpc.ModelInferResponse;
import io.edgeai.oip.grpc.ServerLiveRequest;
import io.edgeai.oip.grpc.ServerLiveResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's gRPC door in front of a gRPC server speaking the OIP API (standing in for inference-service, whose
 * own gRPC server has its tests there; the e2e suite runs both): keys, roles, rate limits, credentials forwarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "edge.grpc.port=0",
        "edge.security.internal-token=s3cret",
        "edge.security.rate-limits.viewer.per-second=1",
        "edge.security.rate-limits.viewer.burst=2"})
class GrpcGatewayTest {

    static final AtomicReference<Metadata> SEEN = new AtomicReference<>();
    static final Server BACKEND = backend();
    static final int BACKEND_PORT = BACKEND.getPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("api-keys", ".txt");
        Files.writeString(file, "viewer:viewer:" + ApiKeyStore.sha256("k-viewer") + "\n"
                + "operator:operator:" + ApiKeyStore.sha256("k-operator") + "\n");
        registry.add("edge.security.api-keys-file", file::toString);
        registry.add("edge.grpc.inference-target", () -> "localhost:" + BACKEND_PORT);
        for (String id : new String[] {"inference", "preprocessing", "postprocessing", "data-shard"}) {
            registry.add("edge.services." + id + ".uri", () -> "http://localhost:1");
        }
    }

    @Autowired
    GrpcGateway gateway;
    ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = NettyChannelBuilder.forAddress("localhost", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.shutdownNow();
        if (restarted != null) {
            restarted.shutdownNow();
        }
    }

    @Test
    void anOperatorKeyInfersAndTheBackendGetsTheCredentialNotTheKey() {
        ModelInferResponse reply = stub("k-operator").modelInfer(request());

        assertThat(reply.getModelName()).isEqualTo("tiny");
        assertThat(reply.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(0.25f, 0.75f);
        Metadata seen = SEEN.get();
        assertThat(seen.get(Metadata.Key.of("x-edge-internal-token", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("s3cret");
        assertThat(seen.get(Metadata.Key.of("x-edge-caller", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("operator;role=operator");
        assertThat(seen.get(GrpcGateway.API_KEY)).isNull();
    }

    @Test
    void noKeyAnUnknownKeyAndAViewerInferringAreRefused() {
        assertCode(() -> GRPCInferenceServiceGrpc.newBlockingStub(channel).modelInfer(request()),
                Status.Code.UNAUTHENTICATED, "x-api-key");
        assertCode(() -> stub("wrong").modelInfer(request()), Status.Code.UNAUTHENTICATED, "unknown API key");
        assertCode(() -> stub("k-viewer").modelInfer(request()), Status.Code.PERMISSION_DENIED, "needs role operator");
    }

    @Test
    void theKeysRateLimitAppliesToGrpcCalls() {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub viewer = stub("k-viewer");
        StatusRuntimeException limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            try {
                assertThat(viewer.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
            } catch (StatusRuntimeException e) {
                limited = e;
            }
        }
        assertThat(limited).isNotNull();
        assertThat(limited.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(limited.getTrailers().get(GrpcGateway.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void aDeadBackendIsUnavailable() {
        int port = BACKEND_PORT;
        BACKEND.shutdownNow();
        if (restarted != null) {
            restarted.shutdownNow();
        }
        try {
            assertCode(() -> stub("k-operator").modelInfer(request()), Status.Code.UNAVAILABLE, "inference-service");
        } finally {
            restarted = start(port); // the other tests use the same port
        }
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub(String key) {
        Metadata headers = new Metadata();
        headers.put(GrpcGateway.API_KEY, key);
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static ModelInferRequest request() {
        return ModelInferRequest.newBuilder().setModelName("tiny").addInputs(ModelInferRequest.InferInputTensor
                .newBuilder().setName("x").setDatatype("FP32").addAllShape(List.of(1L, 2L))
                .setContents(InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2))).build();
    }

    private static void assertCode(Runnable call, Status.Code code, String phrase) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(phrase);
        });
    }

    private static volatile Server restarted;

    private static Server backend() {
        return start(0);
    }

    private static Server start(int port) {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase service =
                new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
                    @Override
                    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
                        out.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
                        out.onCompleted();
                    }

                    @Override
                    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
                        out.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName())
                                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("y")
                                        .setDatatype("FP32").addShape(1).addShape(2).setContents(
                                                InferTensorContents.newBuilder().addFp32Contents(0.25f)
                                                        .addFp32Contents(0.75f))).build());
                        out.onCompleted();
                    }
                };
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("localhost", port))
                    .addService(io.grpc.ServerInterceptors.intercept(service, new io.grpc.ServerInterceptor() {
                        @Override
                        public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                                Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                            SEEN.set(headers);
                            return next.startCall(call, headers);
                        }
                    })).build().start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

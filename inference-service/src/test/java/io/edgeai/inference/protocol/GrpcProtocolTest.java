package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import io.edgeai.oip.grpc.GRPCInferenceServiceGrpc;
import io.edgeai.oip.grpc.InferTensorContents;
import io.edgeai.oip.grpc.ModelInferRequest;
import io.edgeai.oip.grpc.ModelInferResponse;
import io.edgeai.oip.grpc.ModelMetadataRequest;
import io.edgeai.oip.grpc.ModelMetadataResponse;
import io.edgeai.oip.grpc.ModelReadyRequest;
import io.edgeai.oip.grpc.ServerLiveRequest;
import io.edgeai.oip.grpc.ServerMetadataRequest;
import io.edgeai.oip.grpc.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The Open Inference Protocol over gRPC: KServe's v2 service, same answers and errors as REST. */
class GrpcProtocolTest extends ServerTestBase {

    @DynamicPropertySource
    static void grpc(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.grpc-port", () -> "0");
    }

    @Autowired
    GrpcServerConfiguration.GrpcServer server;
    ManagedChannel channel;
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void open() {
        channel = NettyChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @Test
    void healthAndMetadataFollowTheProtocol() {
        assertThat(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList())
                .contains("binary_tensor_data");
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder().setName("tiny").build()).getReady()).isTrue();
        ModelMetadataResponse meta = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("tiny").build());
        assertThat(meta.getPlatform()).isEqualTo("djl");
        assertThat(meta.getVersionsList()).containsExactly("1");
        assertThat(meta.getInputs(0).getName()).isEqualTo("x");
        assertThat(meta.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
        assertThatThrownBy(() -> stub.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void typedAndRawContentsGiveTheRestAnswer() {
        Reply rest = client.post("/v2/models/tiny/infer", InferenceProtocolTest.request(
                InferenceProtocolTest.input("x", "FP32", List.of(2, 4), List.of(0.1, 0.2, 0.3, 0.4, 1, 2, 3, 4))));
        JsonNode expected = rest.json().get("outputs").get(0).get("data");
        ModelInferRequest.InferInputTensor.Builder x = ModelInferRequest.InferInputTensor.newBuilder().setName("x")
                .setDatatype("FP32").addAllShape(List.of(2L, 4L));

        ModelInferResponse typed = stub.modelInfer(ModelInferRequest.newBuilder().setModelName("tiny").setId("g-1")
                .addInputs(x.clone().setContents(InferTensorContents.newBuilder()
                        .addAllFp32Contents(List.of(0.1f, 0.2f, 0.3f, 0.4f, 1f, 2f, 3f, 4f)))).build());
        ByteBuffer raw = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {0.1f, 0.2f, 0.3f, 0.4f, 1, 2, 3, 4}) {
            raw.putFloat(v);
        }
        ModelInferResponse binary = stub.modelInfer(ModelInferRequest.newBuilder().setModelName("tiny")
                .setModelVersion("1").addInputs(x).addRawInputContents(ByteString.copyFrom(raw.array())).build());

        assertThat(typed.getModelName()).isEqualTo("tiny");
        assertThat(typed.getModelVersion()).isEqualTo("1");
        assertThat(typed.getId()).isEqualTo("g-1");
        assertThat(typed.getOutputs(0).getShapeList()).containsExactly(2L, 3L);
        assertThat(binary.getRawOutputContentsCount()).isEqualTo(1);
        ByteBuffer out = binary.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertThat(typed.getOutputs(0).getContents().getFp32Contents(i)).isEqualTo(expected.get(i).floatValue());
            assertThat(out.getFloat()).isEqualTo(expected.get(i).floatValue());
        }
    }

    @Test
    void badInputIsInvalidArgumentNamingTheInputAndAnUnknownModelNotFound() {
        ModelInferRequest.InferInputTensor.Builder x = ModelInferRequest.InferInputTensor.newBuilder().setName("x")
                .setDatatype("FP32").addAllShape(List.of(1L, 4L));
        assertStatus(ModelInferRequest.newBuilder().setModelName("tiny").addInputs(x.clone().setContents(
                InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f)))), Status.Code.INVALID_ARGUMENT,
                "input 'x'");
        assertStatus(ModelInferRequest.newBuilder().setModelName("tiny").addInputs(x.clone().setDatatype("FP64")),
                Status.Code.INVALID_ARGUMENT, "datatype FP64");
        assertStatus(ModelInferRequest.newBuilder().setModelName("tiny").addInputs(x)
                .addRawInputContents(ByteString.copyFrom(new byte[16])).addRawInputContents(ByteString.EMPTY),
                Status.Code.INVALID_ARGUMENT, "one per input");
        assertStatus(ModelInferRequest.newBuilder().setModelName("nope").addInputs(x), Status.Code.NOT_FOUND, "nope");
    }

    private void assertStatus(ModelInferRequest.Builder request, Status.Code code, String phrase) {
        assertThatThrownBy(() -> stub.modelInfer(request.build())).isInstanceOfSatisfying(
                StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(code);
                    assertThat(e.getStatus().getDescription()).contains(phrase);
                });
    }
}

package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.edgeai.oip.grpc.GRPCInferenceServiceGrpc;
import io.edgeai.oip.grpc.InferTensorContents;
import io.edgeai.oip.grpc.ModelInferRequest;
import io.edgeai.oip.grpc.ModelInferResponse;
import io.edgeai.oip.grpc.ModelReadyRequest;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The language model at the edge, as a site uses it through the gateway of the suite {@code ./edge up} starts:
 * the shipped sentence encoders answer text; a CSV of the site's own labelled maintenance notes (written here)
 * trains a text classifier with no code; notes sent through the gateway get sensible labels; an operator's note is
 * stored with a suggested failure mode; a search by meaning ranks a paraphrase above an unrelated note; bad text
 * is a clear 4xx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TextNotesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String CLASSIFIER = "maintenance-notes";

    static EdgeLauncher edge;
    static int grpcPort;
    static String operator;
    static String admin;
    static String viewer;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-text"));
        int inferenceGrpc = EdgeLauncher.freePort();
        grpcPort = EdgeLauncher.freePort();
        edge.env("EDGE_INFERENCE_GRPC_PORT", Integer.toString(inferenceGrpc))
                .env("EDGE_GATEWAY_GRPC_PORT", Integer.toString(grpcPort))
                .env("EDGE_INFERENCE_GRPC_TARGET", "localhost:" + inferenceGrpc);
        edge.run("up", Duration.ofMinutes(4));
        operator = edge.demoKey("operator");
        admin = edge.demoKey("admin");
        viewer = edge.demoKey("viewer");
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    @Order(1)
    void theShippedEncodersEmbedTextThroughTheGateway() throws Exception {
        for (String encoder : List.of("all-minilm-l6-v2", "all-minilm-l6-v2-int8")) {
            Response embedded = send("POST", "/v2/models/" + encoder + "/infer", operator,
                    texts("slurry is leaking from the pump seal", "seal of the pump drips slurry",
                            "quarterly safety training was held in the canteen"));
            assertThat(embedded.status).as(embedded.body.toString()).isEqualTo(200);
            JsonNode output = embedded.body.path("outputs").path(0);
            assertThat(output.path("name").asString()).isEqualTo("embedding");
            assertThat(output.path("shape").toString()).isEqualTo("[3,384]");
            double[][] rows = rows(output.path("data"), 3, 384);
            assertThat(dot(rows[0], rows[0])).as(encoder + " L2-normalised").isCloseTo(1.0, within(1e-3));
            assertThat(dot(rows[0], rows[1])).as(encoder + ": a paraphrase is nearer than an unrelated sentence")
                    .isGreaterThan(dot(rows[0], rows[2]) + 0.2);
        }
    }

    @Test
    @Order(1)
    void binaryTensorDataGoesThroughTheGatewayBothWays() throws Exception {
        String[] notes = {"slurry is leaking from the pump seal", "seal of the pump drips slurry"};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String note : notes) {
            byte[] utf8 = note.getBytes(StandardCharsets.UTF_8);
            data.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(utf8.length).array());
            data.writeBytes(utf8);
        }
        byte[] header = ("{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[2],"
                + "\"parameters\":{\"binary_data_size\":" + data.size() + "}}],"
                + "\"outputs\":[{\"name\":\"embedding\",\"parameters\":{\"binary_data\":true}}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[header.length + data.size()];
        System.arraycopy(header, 0, body, 0, header.length);
        System.arraycopy(data.toByteArray(), 0, body, header.length, data.size());

        HttpResponse<byte[]> binary = HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway()
                        + "/v2/models/all-minilm-l6-v2-int8/infer")).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", operator).header("Content-Type", "application/octet-stream")
                .header("Inference-Header-Content-Length", Integer.toString(header.length))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Response json = send("POST", "/v2/models/all-minilm-l6-v2-int8/infer", operator, texts(notes));

        assertThat(binary.statusCode()).as(new String(binary.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        int jsonLength = Integer.parseInt(binary.headers().firstValue("Inference-Header-Content-Length")
                .orElseThrow());
        assertThat(binary.body()).hasSize(jsonLength + 2 * 384 * 4);
        FloatBuffer vectors = ByteBuffer.wrap(binary.body(), jsonLength, 2 * 384 * 4)
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        double[][] expected = rows(json.body.path("outputs").path(0).path("data"), 2, 384);
        for (int i = 0; i < 2 * 384; i++) {
            assertThat((double) vectors.get(i)).isCloseTo(expected[i / 384][i % 384], within(1e-4));
        }
    }

    @Test
    @Order(1)
    void theInferenceProtocolOverGrpcGoesThroughTheGatewaysDoorWithTheSameKeys() throws Exception {
        ManagedChannel channel = NettyChannelBuilder
                .forAddress("localhost", grpcPort).usePlaintext().build();
        try {
            ModelInferRequest request = ModelInferRequest.newBuilder()
                    .setModelName("all-minilm-l6-v2-int8").addInputs(ModelInferRequest
                            .InferInputTensor.newBuilder().setName("text").setDatatype("BYTES").addShape(2)
                            .setContents(InferTensorContents.newBuilder()
                                    .addBytesContents(ByteString.copyFromUtf8(
                                            "slurry is leaking from the pump seal"))
                                    .addBytesContents(ByteString.copyFromUtf8(
                                            "quarterly safety training was held in the canteen")))).build();

            ModelInferResponse reply = grpc(channel, operator).modelInfer(request);

            assertThat(reply.getModelName()).isEqualTo("all-minilm-l6-v2-int8");
            assertThat(reply.getOutputs(0).getShapeList()).containsExactly(2L, 384L);
            double norm = 0;
            for (int i = 0; i < 384; i++) {
                float v = reply.getOutputs(0).getContents().getFp32Contents(i);
                norm += v * v;
            }
            assertThat(norm).as("L2-normalised over gRPC").isCloseTo(1.0, within(1e-3));
            assertThatThrownBy(() -> grpc(channel, viewer).modelInfer(request))
                    .hasMessageContaining("PERMISSION_DENIED");
            assertThatThrownBy(() -> grpc(channel, "not-a-key").modelInfer(request))
                    .hasMessageContaining("UNAUTHENTICATED");
            assertThat(grpc(channel, viewer).modelReady(ModelReadyRequest.newBuilder()
                    .setName("all-minilm-l6-v2-int8").build()).getReady()).isTrue();
        } finally {
            channel.shutdownNow();
        }
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc(
            Channel channel, String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    @Order(2)
    void aCsvOfTheSitesNotesTrainsAClassifierThatLabelsNewNotesSensibly() throws Exception {
        String mapping = """
                {"features": [{"column": "note", "type": "text"}], "label": {"column": "failure_mode"},
                 "encoder": "all-minilm-l6-v2-int8", "seed": 7}""";
        Response trained = send("POST", "/v2/repository/models/" + CLASSIFIER + "/train?mapping="
                + URLEncoder.encode(mapping, StandardCharsets.UTF_8), admin, notesCsv(180, 11), "text/csv");
        assertThat(trained.status).as(trained.body.toString()).isEqualTo(201);
        JsonNode evaluation = trained.body.path("config").path("evaluation");
        assertThat(evaluation.path("accuracy").asDouble()).as(evaluation.toString()).isGreaterThan(0.8);
        assertThat(evaluation.path("macro_f1").asDouble()).isGreaterThan(0.75);

        // notes written differently from any training row: the label is the one an engineer would give
        Response labelled = send("POST", "/v2/models/" + CLASSIFIER + "/infer", operator, texts(
                "there is slurry spraying out of the gland on pump 2",
                "awful grinding noise from the motor bearing since the weekend",
                "the breaker keeps tripping whenever we start the mixer"));
        assertThat(labelled.status).as(labelled.body.toString()).isEqualTo(200);
        JsonNode label = output(labelled.body, "label");
        assertThat(label.path("datatype").asString()).isEqualTo("BYTES");
        assertThat(label.path("data").toString()).isEqualTo("[\"leak\",\"bearing\",\"electrical\"]");
        assertThat(output(labelled.body, "probabilities").path("shape").toString()).isEqualTo("[3,4]");
    }

    @Test
    @Order(3)
    void aNoteIsStoredWithASuggestionAndFoundByMeaningAboveAnUnrelatedOne() throws Exception {
        Response leak = send("POST", "/api/v1/devices/pump-07/notes", operator,
                "{\"text\": \"slurry leaking from the mechanical seal, puddle under the pump\","
                        + " \"action\": \"replaced the seal\"}");
        assertThat(leak.status).as(leak.body.toString()).isEqualTo(201);
        JsonNode suggestion = leak.body.path("note").path("suggestion");
        assertThat(suggestion.path("failureMode").asString()).as(leak.body.toString()).isEqualTo("leak");
        assertThat(suggestion.path("model").asString()).isEqualTo(CLASSIFIER);

        Response unrelated = send("POST", "/api/v1/devices/press-02/notes", operator,
                "{\"text\": \"light curtain on the press is dirty, cleaned it\"}");
        assertThat(unrelated.status).as(unrelated.body.toString()).isEqualTo(201);

        Response found = send("GET", "/api/v1/notes/search?k=5&q="
                + URLEncoder.encode("spraying out slurry", StandardCharsets.UTF_8), viewer, null);
        assertThat(found.status).as(found.body.toString()).isEqualTo(200);
        List<String> ranked = new ArrayList<>();
        found.body.path("items").forEach(item -> ranked.add(item.path("note").path("text").asString()));
        assertThat(ranked).as(found.body.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ranked.get(0)).contains("slurry leaking");
        assertThat(ranked.indexOf("light curtain on the press is dirty, cleaned it")).isGreaterThan(0);

        // the next leak note is answered with the earlier one, and what was done about it
        Response again = send("POST", "/api/v1/devices/pump-09/notes", operator,
                "{\"text\": \"seal on pump 9 is weeping slurry again\"}");
        assertThat(again.status).as(again.body.toString()).isEqualTo(201);
        JsonNode nearest = again.body.path("similar").path(0).path("note");
        assertThat(nearest.path("text").asString()).contains("slurry leaking");
        assertThat(nearest.path("action").asString()).isEqualTo("replaced the seal");
    }

    @Test
    @Order(4)
    void badTextIsAClear4xxAndLongTextIsTruncatedAndSaidSo() throws Exception {
        Response empty = send("POST", "/api/v1/devices/pump-07/notes", operator, "{\"text\": \"\"}");
        assertThat(empty.status).isEqualTo(400);
        assertThat(empty.body.toString()).contains("text");

        Response emptyTensor = send("POST", "/v2/models/all-minilm-l6-v2-int8/infer", operator, texts(""));
        assertThat(emptyTensor.status).as(emptyTensor.body.toString()).isBetween(400, 499);

        Response wrongType = send("POST", "/v2/models/all-minilm-l6-v2-int8/infer", operator,
                "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[\"pump leaking\"]}]}");
        assertThat(wrongType.status).as(wrongType.body.toString()).isBetween(400, 499);

        byte[] invalidUtf8 = "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"pump \u0000\"]}]}"
                .getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 6] = (byte) 0xC3; // a lead byte with no continuation
        Response invalid = sendBytes("/v2/models/all-minilm-l6-v2-int8/infer", operator, invalidUtf8);
        assertThat(invalid.status).as(invalid.body.toString()).isBetween(400, 499);

        String longText = "the pump seal is leaking slurry onto the floor ".repeat(2200); // about 100 kB
        Response truncated = send("POST", "/v2/models/all-minilm-l6-v2-int8/infer", operator, texts(longText));
        assertThat(truncated.status).as(truncated.body.toString()).isEqualTo(200);
        assertThat(truncated.body.path("parameters").path("truncated").toString()).isEqualTo("[true]");
    }

    // ------------------------------------------------------------------ the site's notes

    /** Four failure modes, each in many words: components, symptoms and circumstances vary, labels never do. */
    static final Map<String, List<String>> SYMPTOMS = Map.of(
            "leak", List.of("leaking fluid", "dripping oil at the flange", "a puddle under the seal",
                    "the seal is weeping", "coolant squirting out of a joint", "hose burst, fluid everywhere",
                    "losing oil, wet underneath", "grease oozing out of the housing"),
            "bearing", List.of("a grinding noise", "squealing when it spins up", "rumbling that gets louder",
                    "metallic scraping at the shaft", "knocking under load", "high vibration at the bearing",
                    "the shaft has play", "sounds rough, like gravel inside"),
            "electrical", List.of("tripping the breaker", "no power at the panel", "sparks from the junction box",
                    "the contactor chatters", "hums but does not turn", "an earth fault alarm",
                    "scorched cable insulation", "the fuse blew twice"),
            "overheating", List.of("running very hot", "too hot to touch", "a temperature alarm again",
                    "smells burnt", "trips on thermal after twenty minutes", "the oil looks burnt",
                    "the fan is not cooling and temperature climbs", "smoke coming off the motor"));
    static final List<String> MACHINES = List.of("pump 3", "the mixer", "conveyor 2", "the compressor",
            "press 5", "the blower", "the gearbox", "spindle 1");
    static final List<String> FRAMES = List.of("%s: %s", "%s has %s", "noticed %2$s on %1$s",
            "%s - %s, checked at start of shift", "operator reports %2$s on %1$s", "%s %s since yesterday");

    static String notesCsv(int rows, long seed) {
        Random random = new Random(seed);
        List<String> modes = List.copyOf(new java.util.TreeSet<>(SYMPTOMS.keySet()));
        StringBuilder csv = new StringBuilder("note,failure_mode\n");
        for (int i = 0; i < rows; i++) {
            String mode = modes.get(i % modes.size());
            List<String> symptoms = SYMPTOMS.get(mode);
            String note = String.format(FRAMES.get(random.nextInt(FRAMES.size())),
                    MACHINES.get(random.nextInt(MACHINES.size())), symptoms.get(random.nextInt(symptoms.size())));
            csv.append('"').append(note.replace("\"", "\"\"")).append("\",").append(mode).append('\n');
        }
        return csv.toString();
    }

    // ------------------------------------------------------------------ HTTP

    static String texts(String... texts) {
        return "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[" + texts.length + "],\"data\":"
                + JSON.writeValueAsString(texts) + "}]}";
    }

    static JsonNode output(JsonNode response, String name) {
        for (JsonNode output : response.path("outputs")) {
            if (name.equals(output.path("name").asString())) {
                return output;
            }
        }
        throw new AssertionError("no output " + name + " in " + response);
    }

    static double[][] rows(JsonNode flat, int rows, int columns) {
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows * columns; i++) {
            out[i / columns][i % columns] = flat.path(i).asDouble();
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }

    record Response(int status, JsonNode body) {
    }

    static Response send(String method, String path, String key, String body) throws IOException, InterruptedException {
        return send(method, path, key, body, "application/json");
    }

    static Response send(String method, String path, String key, String body, String contentType)
            throws IOException, InterruptedException {
        return exchange(path, key, contentType, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), body != null);
    }

    static Response sendBytes(String path, String key, byte[] body) throws IOException, InterruptedException {
        return exchange(path, key, "application/json", "POST", HttpRequest.BodyPublishers.ofByteArray(body), true);
    }

    private static Response exchange(String path, String key, String contentType, String method,
                                     HttpRequest.BodyPublisher body, boolean hasBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.gateway() + path))
                .timeout(Duration.ofSeconds(120)).header("X-API-Key", key).method(method, body);
        if (hasBody) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode json;
        try {
            json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (RuntimeException e) {
            json = JSON.createObjectNode().put("raw", text);
        }
        return new Response(response.statusCode(), json);
    }
}

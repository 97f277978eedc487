package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.ServerTestBase;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The binary tensor data extension: binary inputs, binary outputs, both against JSON's answers, and bad bodies. */
class BinaryTensorProtocolTest extends ServerTestBase {

    private static final float[] X = {0.1f, 0.2f, 0.3f, 0.4f, 1, 2, 3, 4};
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void binaryInputGivesTheSameAnswerAsJson() throws Exception {
        Reply viaJson = client.post("/v2/models/tiny/infer", InferenceProtocolTest.request(
                InferenceProtocolTest.input("x", "FP32", List.of(2, 4), floats(X))));
        String header = "{\"id\":\"r-1\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,4],"
                + "\"parameters\":{\"binary_data_size\":32}}]}";

        HttpResponse<byte[]> binary = post("/v2/models/tiny/infer", header, fp32(X));

        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue(BinaryTensors.HEADER)).isEmpty(); // JSON answer: none asked binary
        JsonNode answer = OipClient.mapper().readTree(binary.body());
        assertThat(answer.get("outputs")).isEqualTo(viaJson.json().get("outputs"));
        assertThat(answer.get("id").asString()).isEqualTo("r-1");
    }

    @Test
    void binaryOutputsAreLittleEndianAfterTheJsonHeader() throws Exception {
        Reply viaJson = client.post("/v2/models/tiny/versions/1/infer", InferenceProtocolTest.request(
                InferenceProtocolTest.input("x", "FP32", List.of(2, 4), floats(X))));
        String header = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,4],"
                + "\"parameters\":{\"binary_data_size\":32}}],\"outputs\":[{\"name\":\"y\","
                + "\"parameters\":{\"binary_data\":true}}]}";

        HttpResponse<byte[]> binary = post("/v2/models/tiny/versions/1/infer", header, fp32(X));

        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/octet-stream"));
        int jsonLength = Integer.parseInt(binary.headers().firstValue(BinaryTensors.HEADER).orElseThrow());
        JsonNode head = OipClient.mapper().readTree(Arrays.copyOf(binary.body(), jsonLength));
        JsonNode y = head.get("outputs").get(0);
        assertThat(y.get("name").asString()).isEqualTo("y");
        assertThat(y.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(y.has("data")).isFalse();
        assertThat(y.get("parameters").get("binary_data_size").asInt()).isEqualTo(24);
        assertThat(binary.body()).hasSize(jsonLength + 24);
        ByteBuffer data = ByteBuffer.wrap(binary.body(), jsonLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode expected = viaJson.json().get("outputs").get(0).get("data");
        for (int i = 0; i < 6; i++) {
            assertThat(data.getFloat()).isEqualTo(expected.get(i).floatValue());
        }
    }

    @Test
    void aJsonRequestCanAskForEveryOutputInBinary() throws Exception {
        Reply reply = client.post("/v2/models/tiny/infer", Map.of("parameters", Map.of("binary_data_output", true),
                "inputs", List.of(InferenceProtocolTest.input("x", "FP32", List.of(1, 4), List.of(1, 2, 3, 4)))));
        // OipClient reads text: the JSON header is there, followed by 12 bytes of FP32 data
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("{\"model_name\":\"tiny\"").contains("\"binary_data_size\":12");
    }

    @Test
    void everyDatatypeDecodesFromBinary() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(16 + 16 + 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
        body.putDouble(1.5).putDouble(-2).putLong(3).putLong(4).put((byte) 1).put((byte) 0).putInt(5).putInt(6);
        String header = "{\"inputs\":[" + typed("a", "FP64", 16) + "," + typed("b", "INT64", 16) + ","
                + typed("c", "BOOL", 2) + "," + typed("d", "INT32", 8) + "]}";

        HttpResponse<byte[]> binary = post("/v2/models/typed/infer", header, body.array());
        Reply viaJson = client.post("/v2/models/typed/infer", InferenceProtocolTest.request(
                InferenceProtocolTest.input("a", "FP64", List.of(1, 2), List.of(1.5, -2)),
                InferenceProtocolTest.input("b", "INT64", List.of(1, 2), List.of(3, 4)),
                InferenceProtocolTest.input("c", "BOOL", List.of(1, 2), List.of(true, false)),
                InferenceProtocolTest.input("d", "INT32", List.of(1, 2), List.of(5, 6))));

        assertThat(binary.statusCode()).as(new String(binary.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(OipClient.mapper().readTree(binary.body()).get("outputs"))
                .isEqualTo(viaJson.json().get("outputs"));
    }

    @Test
    void badBinaryBodiesAre400sThatSayWhatIsWrong() throws Exception {
        String x = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,4],"
                + "\"parameters\":{\"binary_data_size\":%d}}]}";
        assertBadRequest(post("/v2/models/tiny/infer", x.formatted(32), Arrays.copyOf(fp32(X), 28)),
                "32", "only 28 bytes");
        assertBadRequest(post("/v2/models/tiny/infer", x.formatted(28), Arrays.copyOf(fp32(X), 28)),
                "input 'x' has 28 bytes", "8 FP32 values take 32");
        assertBadRequest(post("/v2/models/tiny/infer", x.formatted(32), Arrays.copyOf(fp32(X), 40)),
                "8 bytes after the JSON header");
        float[] nan = X.clone();
        nan[3] = Float.NaN;
        assertBadRequest(post("/v2/models/tiny/infer", x.formatted(32), fp32(nan)), "value 3 is not finite");
        assertBadRequest(send("/v2/models/tiny/infer", "99999", fp32(X)), "Inference-Header-Content-Length is 99999");
        assertBadRequest(send("/v2/models/tiny/infer", "abc", fp32(X)), "not a byte count");
        assertBadRequest(post("/v2/models/tiny/infer", "{\"inputs\":[", new byte[0]), "not a JSON inference request");
        assertBadRequest(post("/v2/models/tiny/infer", "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"data\":[1,2,3,4],\"parameters\":{\"binary_data_size\":16}}]}", fp32(1, 2, 3, 4)),
                "both data and binary_data_size");
        assertBadRequest(post("/v2/models/tiny/infer", "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"parameters\":{\"binary_data_size\":-4}}]}", new byte[0]), "must be a byte count");
        Reply plainJson = client.post("/v2/models/tiny/infer", "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"parameters\":{\"binary_data_size\":16}}]}");
        assertThat(plainJson.status()).isEqualTo(400);
        assertThat(plainJson.json().get("error").asString()).contains("request is plain JSON");
    }

    @Test
    void bytesElementsAreLengthPrefixedUtf8BothWays() {
        String[] texts = {"pump smoking up", "spraying out slurry \u00e9\u20ac"};
        byte[] encoded = BinaryTensors.encode(new Tensor(Datatype.BYTES, new long[] {2}, texts));
        ByteBuffer buffer = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buffer.getInt()).isEqualTo(15);

        assertThat((String[]) BinaryTensors.decode(ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN),
                Datatype.BYTES, 2, "text")).containsExactly(texts);
        byte[] invalid = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(2).put((byte) 0xC3)
                .put((byte) 0x28).array();
        assertThatThrownBy(() -> BinaryTensors.decode(ByteBuffer.wrap(invalid).order(ByteOrder.LITTLE_ENDIAN),
                Datatype.BYTES, 1, "text")).hasMessageContaining("value 0 is not valid UTF-8");
        byte[] blank = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).putInt(1).put((byte) ' ').array();
        assertThatThrownBy(() -> BinaryTensors.decode(ByteBuffer.wrap(blank).order(ByteOrder.LITTLE_ENDIAN),
                Datatype.BYTES, 1, "text")).hasMessageContaining("value 0 is empty");
        assertThatThrownBy(() -> BinaryTensors.decode(ByteBuffer.wrap(encoded, 0, 10).slice()
                .order(ByteOrder.LITTLE_ENDIAN), Datatype.BYTES, 2, "text")).hasMessageContaining("declares 15 bytes");
    }

    private static String typed(String name, String datatype, int size) {
        return "{\"name\":\"" + name + "\",\"datatype\":\"" + datatype + "\",\"shape\":[1,2],"
                + "\"parameters\":{\"binary_data_size\":" + size + "}}";
    }

    private static void assertBadRequest(HttpResponse<byte[]> response, String... phrases) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(body).contains(phrases);
    }

    private HttpResponse<byte[]> post(String path, String header, byte[] data) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(json);
        body.writeBytes(data);
        return send(path, Integer.toString(json.length), body.toByteArray());
    }

    private HttpResponse<byte[]> send(String path, String headerLength, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/octet-stream").header(BinaryTensors.HEADER, headerLength)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] fp32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static List<Float> floats(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}

package io.edgeai.inference.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.TextModelTestBase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** BYTES tensors: what a text model accepts, and the 400 (naming the input) for everything it does not. */
class TextProtocolTest extends TextModelTestBase {

    private static final String PATH = "/v2/models/" + INT8 + "/infer";

    private OipClient.Reply send(String input) {
        return client.post(PATH, "{\"inputs\": [" + input + "]}");
    }

    private void assertRejected(OipClient.Reply r, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains(fragments);
    }

    @Test
    void acceptsOneTextPerRowAsShapeNOrNBy1() {
        OipClient.Reply flat = send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [2], "
                + "\"data\": [\"motor trips\", \"belt slipping\"]}");
        assertThat(flat.status()).as(flat.body()).isEqualTo(200);
        OipClient.Reply column = send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [2, 1], "
                + "\"data\": [[\"motor trips\"], [\"belt slipping\"]]}");
        assertThat(column.status()).as(column.body()).isEqualTo(200);
        assertThat(column.json().get("outputs").get(0).get("data"))
                .isEqualTo(flat.json().get("outputs").get(0).get("data"));
        assertThat(flat.json().get("parameters").get("truncated").toString()).isEqualTo("[false,false]");
    }

    @Test
    void emptyOrBlankTextIsRefused() {
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [2], \"data\": [\"ok\", \"\"]}"),
                "input 'text'", "value 1 is empty");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"  \\n \"]}"),
                "input 'text'", "empty");
    }

    @Test
    void wrongDatatypeShapeOrElementIsRefused() {
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [1.0]}"),
                "input 'text'", "datatype FP32", "BYTES");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"STRING\", \"shape\": [1], \"data\": [\"x\"]}"),
                "input 'text'", "unsupported datatype");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1, 2], \"data\": [\"a\", \"b\"]}"),
                "input 'text'", "shape");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [3], \"data\": [\"a\", \"b\"]}"),
                "input 'text'", "2 values");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [2], \"data\": [\"a\", 7]}"),
                "input 'text'", "value 1 is not a string");
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1]}"), "input 'text'", "no data");
        assertRejected(send("{\"name\": \"note\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]}"),
                "unknown input 'note'", "[text]");
    }

    @Test
    void textThatIsNotValidUtf8IsRefused() {
        assertRejected(send("{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"pump \\ud800\"]}"),
                "input 'text'", "not valid UTF-8");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"pump "
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes("\"]}]}".getBytes(StandardCharsets.UTF_8));
        OipClient.Reply r = client.postBytes(PATH, body.toByteArray());
        assertRejected(r, "invalid request body");
    }

    @Test
    void numericModelsStillRefuseBytes() {
        OipClient.Reply r = client.post("/v2/models/" + FP32 + "/infer",
                "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"fine\"]}],"
                        + " \"outputs\": [{\"name\": \"probabilities\"}]}");
        assertRejected(r, "unknown output 'probabilities'");
    }
}

package io.edgeai.inference.protocol;

import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The binary tensor data extension of the inference protocol (Triton's {@code binary_tensor_data}, which KServe
 * clients speak too): a body whose first {@code Inference-Header-Content-Length} bytes are the usual JSON request,
 * followed by the raw data of the inputs that declare {@code "parameters": {"binary_data_size": n}}, in the order
 * the inputs are listed. Elements are little-endian; BOOL is one byte; a BYTES element is a 4-byte little-endian
 * length and that many bytes of UTF-8. Responses use the same layout for the outputs asked for in binary.
 * Large tensors then skip JSON's number formatting and parsing both ways.
 */
final class BinaryTensors {

    static final String HEADER = "Inference-Header-Content-Length";
    /** The input and output parameter that gives a tensor's byte count in the binary section. */
    static final String DATA_SIZE = "binary_data_size";
    /** The output parameter, and (as {@code binary_data_output}) the request parameter, that asks for binary. */
    static final String BINARY_DATA = "binary_data";
    static final String BINARY_DATA_OUTPUT = "binary_data_output";

    private BinaryTensors() {
    }

    /** A request read from a binary body: its JSON part, and each binary input's bytes by input name. */
    record Parsed(InferenceRequest request, Map<String, ByteBuffer> binary) {
    }

    /**
     * Splits a binary request body into its JSON header and the binary input data.
     *
     * @throws InvalidInputException when the header length, the JSON or the sizes do not add up to the body
     */
    static Parsed parse(byte[] body, String headerLength, JsonMapper json) {
        long jsonBytes;
        try {
            jsonBytes = Long.parseLong(headerLength.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(HEADER + " '" + headerLength + "' is not a byte count");
        }
        if (jsonBytes <= 0 || jsonBytes > body.length) {
            throw new InvalidInputException(HEADER + " is " + jsonBytes + " but the body has " + body.length
                    + " bytes: the JSON header must be 1.." + body.length + " bytes");
        }
        InferenceRequest request;
        try {
            request = json.readValue(body, 0, (int) jsonBytes, InferenceRequest.class);
        } catch (JacksonException e) {
            throw new InvalidInputException("the first " + jsonBytes + " bytes (" + HEADER + ") are not a JSON "
                    + "inference request: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw new InvalidInputException("the JSON header of the binary request is empty");
        }
        Map<String, ByteBuffer> binary = new HashMap<>();
        int offset = (int) jsonBytes;
        List<InferenceRequest.Input> inputs = request.inputs() == null ? List.of() : request.inputs();
        for (InferenceRequest.Input in : inputs) {
            if (in == null || in.parameters() == null || !in.parameters().containsKey(DATA_SIZE)) {
                continue;
            }
            String name = in.name();
            long size = size(in.parameters().get(DATA_SIZE), name);
            if (in.data() != null && !in.data().isNull()) {
                throw new InvalidInputException("input '" + name + "' has both data and " + DATA_SIZE
                        + ": give its values in one place");
            }
            if (size > body.length - offset) {
                throw new InvalidInputException("input '" + name + "' declares " + DATA_SIZE + " " + size
                        + " but only " + (body.length - offset) + " bytes of binary data are left");
            }
            if (binary.put(name, ByteBuffer.wrap(body, offset, (int) size).slice()
                    .order(ByteOrder.LITTLE_ENDIAN)) != null) {
                throw new InvalidInputException("input '" + name + "' is given twice");
            }
            offset += (int) size;
        }
        if (offset != body.length) {
            throw new InvalidInputException("the body has " + (body.length - offset) + " bytes after the JSON header "
                    + "and the inputs' " + DATA_SIZE + " bytes: every byte must belong to an input");
        }
        return new Parsed(request, binary);
    }

    private static long size(Object value, String name) {
        if (value instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new InvalidInputException("input '" + name + "': parameter " + DATA_SIZE + " must be a byte count, "
                + "not " + value);
    }

    /** The values of one binary input of {@code count} elements, as the primitive array a {@link Tensor} holds. */
    static Object decode(ByteBuffer bytes, Datatype type, int count, String name) {
        if (type != Datatype.BYTES && bytes.remaining() != (long) count * width(type)) {
            throw new InvalidInputException("input '" + name + "' has " + bytes.remaining() + " bytes of binary data; "
                    + count + " " + type + " values take " + (long) count * width(type));
        }
        Object data = type.newArray(count);
        switch (type) {
            case BOOL -> {
                boolean[] b = (boolean[]) data;
                for (int i = 0; i < count; i++) {
                    byte v = bytes.get(i);
                    if (v != 0 && v != 1) {
                        throw new InvalidInputException("input '" + name + "': value " + i + " is byte " + v
                                + ", a BOOL is 0 or 1");
                    }
                    b[i] = v == 1;
                }
            }
            case INT32 -> bytes.asIntBuffer().get((int[]) data);
            case INT64 -> bytes.asLongBuffer().get((long[]) data);
            case FP32 -> {
                float[] f = (float[]) data;
                bytes.asFloatBuffer().get(f);
                for (int i = 0; i < count; i++) {
                    if (!Float.isFinite(f[i])) {
                        throw new InvalidInputException("input '" + name + "': value " + i + " is not finite");
                    }
                }
            }
            case FP64 -> {
                double[] d = (double[]) data;
                bytes.asDoubleBuffer().get(d);
                for (int i = 0; i < count; i++) {
                    if (!Double.isFinite(d[i])) {
                        throw new InvalidInputException("input '" + name + "': value " + i + " is not finite");
                    }
                }
            }
            case BYTES -> decodeStrings(bytes, (String[]) data, name);
        }
        return data;
    }

    private static void decodeStrings(ByteBuffer bytes, String[] out, String name) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            if (in.remaining() < 4) {
                throw new InvalidInputException("input '" + name + "': the binary data ends before value " + i
                        + " (each BYTES value is a 4-byte length and its bytes)");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new InvalidInputException("input '" + name + "': value " + i + " declares " + length
                        + " bytes but " + in.remaining() + " are left");
            }
            ByteBuffer text = in.slice(in.position(), length);
            in.position(in.position() + length);
            try {
                CharBuffer chars = utf8.reset().decode(text);
                out[i] = TensorCodec.checkedText(chars.toString(), i, name);
            } catch (CharacterCodingException e) {
                throw new InvalidInputException("input '" + name + "': value " + i + " is not valid UTF-8");
            }
        }
        if (in.hasRemaining()) {
            throw new InvalidInputException("input '" + name + "' has " + in.remaining() + " bytes after its "
                    + out.length + " BYTES values");
        }
    }

    /** The tensor's elements in the binary layout. */
    static byte[] encode(Tensor t) {
        Object data = t.data();
        if (t.datatype() == Datatype.BYTES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (String s : (String[]) data) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(length.putInt(0, b.length).array());
                out.writeBytes(b);
            }
            return out.toByteArray();
        }
        int count = java.lang.reflect.Array.getLength(data);
        ByteBuffer out = ByteBuffer.allocate(count * width(t.datatype())).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.datatype()) {
            case BOOL -> {
                for (boolean b : (boolean[]) data) {
                    out.put((byte) (b ? 1 : 0));
                }
            }
            case INT32 -> out.asIntBuffer().put((int[]) data);
            case INT64 -> out.asLongBuffer().put((long[]) data);
            case FP32 -> out.asFloatBuffer().put((float[]) data);
            case FP64 -> out.asDoubleBuffer().put((double[]) data);
            default -> throw new IllegalStateException(t.datatype().name());
        }
        return out.array();
    }

    private static int width(Datatype type) {
        return switch (type) {
            case BOOL -> 1;
            case INT32, FP32 -> 4;
            case INT64, FP64 -> 8;
            case BYTES -> throw new IllegalArgumentException("BYTES elements have no fixed width");
        };
    }

    /** Whether the request asks for that output in binary (its own parameter first, then the request's). */
    static boolean wantsBinary(InferenceRequest request, String output) {
        if (request.outputs() != null) {
            for (InferenceRequest.Output o : request.outputs()) {
                if (o != null && output.equals(o.name()) && o.parameters() != null
                        && o.parameters().get(BINARY_DATA) instanceof Boolean b) {
                    return b;
                }
            }
        }
        return request.parameters() != null && Boolean.TRUE.equals(request.parameters().get(BINARY_DATA_OUTPUT));
    }
}

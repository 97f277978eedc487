package io.edgeai.inference.protocol;

import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.repository.ModelConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Converts protocol tensors to and from {@link Tensor}s, checking every input against the model's declared inputs
 * so that a bad request is a 400 that names the input, never a failure inside the model.
 */
final class TensorCodec {

    private TensorCodec() {
    }

    /** The request's inputs in the model's input order. */
    static List<Tensor> decode(InferenceRequest request, ModelConfig config) {
        return decode(request, config, Map.of());
    }

    /**
     * The request's inputs in the model's input order, those named in {@code binary} read from their bytes (the
     * binary tensor data extension, {@link BinaryTensors}) and the others from their JSON data.
     */
    static List<Tensor> decode(InferenceRequest request, ModelConfig config, Map<String, ByteBuffer> binary) {
        if (request.inputs() == null || request.inputs().isEmpty()) {
            throw new InvalidInputException("request has no inputs; the model expects " + names(config.inputs()));
        }
        Map<String, InferenceRequest.Input> byName = new HashMap<>();
        for (InferenceRequest.Input in : request.inputs()) {
            if (in == null || in.name() == null) {
                throw new InvalidInputException("every input needs a name");
            }
            if (byName.put(in.name(), in) != null) {
                throw new InvalidInputException("input '" + in.name() + "' is given twice");
            }
            if (config.inputs().stream().noneMatch(s -> s.name().equals(in.name()))) {
                throw new InvalidInputException("unknown input '" + in.name() + "'; the model expects "
                        + names(config.inputs()));
            }
        }
        if (request.outputs() != null) {
            for (InferenceRequest.Output out : request.outputs()) {
                if (out == null || config.outputs().stream().noneMatch(s -> s.name().equals(out.name()))) {
                    throw new InvalidInputException("unknown output '" + (out == null ? null : out.name())
                            + "'; the model has " + names(config.outputs()));
                }
            }
        }
        List<Tensor> tensors = new ArrayList<>(config.inputs().size());
        long batch = -1;
        for (TensorSpec spec : config.inputs()) {
            InferenceRequest.Input in = byName.get(spec.name());
            if (in == null) {
                throw new InvalidInputException("missing input '" + spec.name() + "'");
            }
            Tensor t = decode(in, spec, binary.get(spec.name()));
            if (batch >= 0 && t.shape()[0] != batch) {
                throw new InvalidInputException("input '" + spec.name() + "' has " + t.shape()[0]
                        + " rows but other inputs have " + batch);
            }
            batch = t.shape()[0];
            tensors.add(t);
        }
        return tensors;
    }

    private static Tensor decode(InferenceRequest.Input in, TensorSpec spec, ByteBuffer binary) {
        String name = in.name();
        Datatype type = Datatype.parse(in.datatype());
        if (type == null) {
            throw new InvalidInputException("input '" + name + "' has unsupported datatype '" + in.datatype()
                    + "'; the model expects " + spec.datatype());
        }
        if (!type.name().equals(spec.datatype())) {
            throw new InvalidInputException("input '" + name + "' has datatype " + type + "; the model expects "
                    + spec.datatype());
        }
        List<Long> shape = in.shape();
        if (type == Datatype.BYTES && shape != null && shape.size() == 2 && spec.shape().size() == 1
                && Long.valueOf(1).equals(shape.get(1))) {
            shape = shape.subList(0, 1); // [n, 1]: one text per row, as some clients send it
        }
        if (shape == null || shape.size() != spec.shape().size()) {
            throw new InvalidInputException("input '" + name + "' has shape " + shape + "; the model expects "
                    + spec.shape());
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            Long d = shape.get(i);
            long expected = spec.shape().get(i);
            if (d == null || d < 0 || (expected >= 0 && d != expected)) {
                throw new InvalidInputException("input '" + name + "' has shape " + shape + "; the model expects "
                        + spec.shape());
            }
            dims[i] = d;
        }
        if (dims[0] == 0) {
            throw new InvalidInputException("input '" + name + "' has an empty batch");
        }
        long expected = Tensor.elementCount(dims);
        if (binary != null) {
            if (expected > Integer.MAX_VALUE) {
                throw new InvalidInputException("input '" + name + "' has shape " + shape + ": too many values");
            }
            return new Tensor(type, dims, BinaryTensors.decode(binary, type, (int) expected, name));
        }
        if (in.parameters() != null && in.parameters().containsKey(BinaryTensors.DATA_SIZE)) {
            throw new InvalidInputException("input '" + name + "' declares " + BinaryTensors.DATA_SIZE + " but the "
                    + "request is plain JSON: a binary request carries the " + BinaryTensors.HEADER + " header");
        }
        if (in.data() == null || in.data().isNull()) {
            throw new InvalidInputException("input '" + name + "' has no data");
        }
        long count = count(in.data());
        if (count != expected) {
            throw new InvalidInputException("input '" + name + "' has " + count + " values; shape " + shape
                    + " needs " + expected);
        }
        Object data = type.newArray((int) count);
        fill(in.data(), data, type, new int[] {0}, name);
        return new Tensor(type, dims, data);
    }

    private static long count(JsonNode node) {
        if (!node.isArray()) {
            return 1;
        }
        long n = 0;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private static void fill(JsonNode node, Object data, Datatype type, int[] index, String name) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                fill(child, data, type, index, name);
            }
            return;
        }
        int i = index[0]++;
        switch (type) {
            case FP32 -> ((float[]) data)[i] = (float) number(node, i, name);
            case FP64 -> ((double[]) data)[i] = number(node, i, name);
            case INT32 -> {
                long v = integer(node, i, name);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new InvalidInputException("input '" + name + "': value " + i + " is out of INT32 range");
                }
                ((int[]) data)[i] = (int) v;
            }
            case INT64 -> ((long[]) data)[i] = integer(node, i, name);
            case BYTES -> ((String[]) data)[i] = text(node, i, name);
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw new InvalidInputException("input '" + name + "': value " + i + " is not a boolean");
                }
                ((boolean[]) data)[i] = node.booleanValue();
            }
        }
    }

    /** Most characters of one BYTES element; a text model reads far fewer tokens and says it truncated. */
    static final int MAX_TEXT_CHARS = 1_000_000;

    private static String text(JsonNode node, int i, String name) {
        if (!node.isString()) {
            throw new InvalidInputException("input '" + name + "': value " + i + " is not a string (BYTES elements "
                    + "are UTF-8 text as JSON strings)");
        }
        return checkedText(node.stringValue(), i, name);
    }

    /** One BYTES element as a text model takes it: not blank, not huge, well-formed UTF-16 (from valid UTF-8). */
    static String checkedText(String s, int i, String name) {
        if (s.isBlank()) {
            throw new InvalidInputException("input '" + name + "': value " + i + " is empty");
        }
        if (s.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException("input '" + name + "': value " + i + " has " + s.length()
                    + " characters; at most " + MAX_TEXT_CHARS + " are accepted");
        }
        for (int c = 0; c < s.length(); c++) {
            char ch = s.charAt(c);
            if (Character.isSurrogate(ch)) {
                boolean pair = Character.isHighSurrogate(ch) && c + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(c + 1));
                if (!pair) {
                    throw new InvalidInputException("input '" + name + "': value " + i + " is not valid UTF-8 text "
                            + "(unpaired surrogate at character " + c + ")");
                }
                c++;
            }
        }
        return s;
    }

    private static double number(JsonNode node, int i, String name) {
        if (!node.isNumber()) {
            throw new InvalidInputException("input '" + name + "': value " + i + " is not a number");
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("input '" + name + "': value " + i + " is not finite");
        }
        return v;
    }

    private static long integer(JsonNode node, int i, String name) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                && Math.abs(node.doubleValue()) < 9.0e15) {
            return (long) node.doubleValue();
        }
        throw new InvalidInputException("input '" + name + "': value " + i + " is not an integer");
    }

    /** The response outputs, all or those requested, in the model's order or the request's. */
    static List<InferenceResponse.Output> encode(List<Tensor> outputs, ModelConfig config,
                                                 List<InferenceRequest.Output> requested) {
        List<InferenceResponse.Output> all = new ArrayList<>(config.outputs().size());
        for (int i = 0; i < config.outputs().size(); i++) {
            Tensor t = outputs.get(i);
            all.add(new InferenceResponse.Output(config.outputs().get(i).name(), t.datatype().name(), t.shape(),
                    t.data()));
        }
        if (requested == null || requested.isEmpty()) {
            return all;
        }
        List<InferenceResponse.Output> chosen = new ArrayList<>(requested.size());
        for (InferenceRequest.Output r : requested) {
            InferenceResponse.Output match = r == null ? null
                    : all.stream().filter(o -> o.name().equals(r.name())).findFirst().orElse(null);
            if (match == null) {
                throw new InvalidInputException("unknown output '" + (r == null ? null : r.name())
                        + "'; the model has " + names(config.outputs()));
            }
            chosen.add(match);
        }
        return chosen;
    }

    /**
     * The per-row tensors a runner returns after the declared outputs, as response parameters
     * ({@code {"truncated": [false, true]}}), or null when the model has none.
     */
    static Map<String, Object> rowParameters(List<Tensor> outputs, ModelConfig config, List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        int declared = config.outputs().size();
        for (int i = 0; i < names.size() && declared + i < outputs.size(); i++) {
            out.put(names.get(i), outputs.get(declared + i).data());
        }
        return out;
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }
}

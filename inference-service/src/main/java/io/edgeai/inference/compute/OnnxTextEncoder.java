package io.edgeai.inference.compute;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder on DJL's ONNX Runtime engine: a HuggingFace tokenizer (from the tokenizer.json file of the
 * version folder) turns each text into at most {@code max_tokens} tokens, the batch is padded to its longest text
 * and run as one ONNX call (or, when lengths differ widely, as a few calls of similar lengths), and the token states
 * are pooled (mean over the attention mask, as sentence-transformers
 * trained all-MiniLM-L6-v2) and L2-normalised. Input: {@code BYTES [n]}; outputs: {@code FP32 [n, dims]}, then the
 * per-row {@code truncated} flags.
 */
public final class OnnxTextEncoder implements ModelRunner, TextEmbedder {

    /** The per-row parameter saying that a text had more tokens than the encoder takes. */
    public static final String TRUNCATED = "truncated";
    private static final List<String> KNOWN_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

    private final Model model;
    private final Block block;
    private final HuggingFaceTokenizer tokenizer;
    private final TextEncoderSpec spec;
    private final List<String> inputNames;

    private OnnxTextEncoder(Model model, HuggingFaceTokenizer tokenizer, TextEncoderSpec spec) {
        this.model = model;
        this.block = model.getBlock();
        this.tokenizer = tokenizer;
        this.spec = spec;
        this.inputNames = block.describeInput().keys();
        List<String> unknown = inputNames.stream().filter(n -> !KNOWN_INPUTS.contains(n)).toList();
        if (unknown.isEmpty() && inputNames.contains("input_ids")) {
            return;
        }
        close();
        throw new IllegalArgumentException("the ONNX model takes " + inputNames + "; a text encoder takes "
                + "input_ids and optionally attention_mask, token_type_ids");
    }

    /**
     * Loads {@code modelFile} (an .onnx file in {@code dir}) and the spec's tokenizer file beside it.
     *
     * @throws IllegalArgumentException when a file is missing or the model does not take token ids
     */
    public static OnnxTextEncoder load(Path dir, String modelFile, String name, TextEncoderSpec spec)
            throws IOException, MalformedModelException {
        Path onnx = dir.resolve(modelFile);
        Path tokenizerFile = dir.resolve(spec.tokenizer());
        if (!Files.isRegularFile(onnx) || !modelFile.endsWith(".onnx")) {
            throw new IllegalArgumentException("no ONNX file " + modelFile + " in " + dir.getFileName());
        }
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IllegalArgumentException("no tokenizer file " + spec.tokenizer() + " in " + dir.getFileName()
                    + " (text_encoder.tokenizer names a HuggingFace tokenizer.json in the version folder)");
        }
        // The tokenizer.json of all-MiniLM-L6-v2 pads every text to 128 tokens: padding is ours (to the longest
        // text of the batch), truncation the spec's.
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerFile)
                .optAddSpecialTokens(true).optPadding(false).optTruncation(true).optMaxLength(spec.maxTokens())
                .build();
        Model model = Model.newInstance(name, "OnnxRuntime");
        try {
            String threads = Integer.toString(spec.intraOpThreads());
            // No CPU arena: ONNX Runtime's arena keeps the peak of every batch shape it has seen (measured: +50 MB
            // after a run of 32 concurrent clients); without it activations are freed after each call.
            model.load(dir, modelFile.substring(0, modelFile.length() - ".onnx".length()),
                    Map.of("intraOpNumThreads", threads, "interOpNumThreads", "1", "cpuArenaAllocator", "false"));
            return new OnnxTextEncoder(model, tokenizer, spec);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            tokenizer.close();
            throw e;
        }
    }

    public TextEncoderSpec spec() {
        return spec;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Embeddings e = embed((String[]) inputs.get(0).data());
        long[] rows = {e.truncated().length};
        return List.of(e.vectors(), new Tensor(Datatype.BOOL, rows, e.truncated()));
    }

    @Override
    public List<String> rowParameters() {
        return List.of(TRUNCATED);
    }

    /**
     * Padding a short text to a long one's length costs as much compute as the long one: rows are sorted by length
     * and cut into calls whose padding stays under this share of the real tokens (a batch of similar lengths is one
     * call, as before; a batch mixing 8-token and 60-token notes becomes two or three).
     */
    private static final double MAX_PADDING = 0.3;

    @Override
    public Embeddings embed(String[] texts) {
        int n = texts.length;
        if (n == 0) {
            throw new IllegalArgumentException("no texts to embed");
        }
        Encoding[] encodings = new Encoding[n];
        boolean[] truncated = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            encodings[i] = tokenizer.encode(texts[i]);
            truncated[i] = encodings[i].exceedMaxLength();
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[] vectors = null;
        int dims = 0;
        int from = 0;
        while (from < n) {
            int to = from + 1;
            long tokens = encodings[order[from]].getIds().length;
            while (to < n && to - from < spec.maxRowsPerCall()) {
                int length = encodings[order[to]].getIds().length;
                if ((long) (to - from + 1) * length > (1 + MAX_PADDING) * (tokens + length)) {
                    break;
                }
                tokens += length;
                to++;
            }
            float[][] part = run(encodings, order, from, to);
            if (vectors == null) {
                dims = part[0].length;
                vectors = new float[n * dims];
            }
            for (int r = from; r < to; r++) {
                System.arraycopy(part[r - from], 0, vectors, order[r] * dims, dims);
            }
            from = to;
        }
        return new Embeddings(new Tensor(Datatype.FP32, new long[] {n, dims}, vectors), truncated);
    }

    /** One ONNX call for rows {@code order[from..to)}, padded to the longest of them; their pooled vectors. */
    private float[][] run(Encoding[] encodings, Integer[] order, int from, int to) {
        int n = to - from;
        int longest = 1;
        for (int r = from; r < to; r++) {
            longest = Math.max(longest, encodings[order[r]].getIds().length);
        }
        long[] ids = new long[n * longest];
        long[] mask = new long[n * longest];
        long[] types = new long[n * longest];
        for (int i = 0; i < n; i++) {
            Encoding e = encodings[order[from + i]];
            long[] id = e.getIds();
            System.arraycopy(id, 0, ids, i * longest, id.length);
            System.arraycopy(e.getTypeIds(), 0, types, i * longest, id.length);
            java.util.Arrays.fill(mask, i * longest, i * longest + id.length, 1L);
        }
        Shape shape = new Shape(n, longest);
        float[] hidden;
        int dims;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList in = new NDList(inputNames.size());
            for (String input : inputNames) {
                NDArray a = m.create(switch (input) {
                    case "attention_mask" -> mask;
                    case "token_type_ids" -> types;
                    default -> ids;
                }, shape);
                a.setName(input);
                in.add(a);
            }
            NDList out = block.forward(new ParameterStore(m, false), in, false);
            NDArray states = out.contains(spec.hiddenOutput()) ? out.get(spec.hiddenOutput()) : out.get(0);
            long[] s = states.getShape().getShape();
            if (s.length != 3 || s[0] != n || s[1] != longest) {
                throw new IllegalStateException("the ONNX model returned token states of shape "
                        + states.getShape() + ", expected (" + n + ", " + longest + ", dims)");
            }
            dims = (int) s[2];
            hidden = states.toFloatArray();
        }
        float[][] vectors = new float[n][dims];
        for (int i = 0; i < n; i++) {
            pool(hidden, i, encodings[order[from + i]].getIds().length, longest, dims, vectors[i]);
        }
        return vectors;
    }

    /** Row {@code i}'s vector: mean (or first) of its {@code tokens} real tokens, then L2 when configured. */
    private void pool(float[] hidden, int i, int tokens, int longest, int dims, float[] out) {
        int base = i * longest * dims;
        int target = 0;
        int count = "cls".equals(spec.pooling()) ? 1 : tokens;
        for (int t = 0; t < count; t++) {
            int from = base + t * dims;
            for (int d = 0; d < dims; d++) {
                out[target + d] += hidden[from + d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            out[target + d] /= count;
            norm += (double) out[target + d] * out[target + d];
        }
        if (spec.normalize() && norm > 0) {
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dims; d++) {
                out[target + d] *= scale;
            }
        }
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}

package io.edgeai.inference.compute;

/**
 * The {@code text_encoder} block of an {@code onnx} model.json: how text becomes the transformer's inputs and how
 * its token states become one vector per text.
 *
 * @param tokenizer      HuggingFace tokenizer.json in the version folder (default {@code tokenizer.json}); always a
 *                       file, never a hub id (the box is offline)
 * @param maxTokens      most tokens per text, special tokens included (default 256, all-MiniLM-L6-v2's
 *                       {@code max_seq_length}); longer texts are cut and the answer says so
 * @param pooling        {@code mean} (over the attention mask, default) or {@code cls}
 * @param normalize      L2-normalise each vector (default true)
 * @param hiddenOutput   the ONNX output holding the token states (default {@code last_hidden_state}, else the first)
 * @param intraOpThreads ONNX Runtime threads per execution (default 1: parallelism comes from batching and
 *                       {@code instance_count}, as for PyTorch)
 * @param maxRowsPerCall most rows in one ONNX call (default 0: no limit). A dynamically quantized (int8) model takes
 *                       its activation ranges from the whole call, so a text's vector moves slightly with its
 *                       batch-mates; 1 makes every vector independent of other requests, at the cost of batching
 */
public record TextEncoderSpec(String tokenizer, Integer maxTokens, String pooling, Boolean normalize,
                              String hiddenOutput, Integer intraOpThreads, Integer maxRowsPerCall) {

    public static final String DEFAULT_TOKENIZER = "tokenizer.json";

    public TextEncoderSpec {
        tokenizer = tokenizer == null || tokenizer.isBlank() ? DEFAULT_TOKENIZER : tokenizer;
        maxTokens = maxTokens == null ? 256 : maxTokens;
        pooling = pooling == null ? "mean" : pooling;
        normalize = normalize == null || normalize;
        hiddenOutput = hiddenOutput == null || hiddenOutput.isBlank() ? "last_hidden_state" : hiddenOutput;
        intraOpThreads = intraOpThreads == null ? 1 : intraOpThreads;
        maxRowsPerCall = maxRowsPerCall == null || maxRowsPerCall < 1 ? Integer.MAX_VALUE : maxRowsPerCall;
        if (maxTokens < 2 || maxTokens > 8192) {
            throw new IllegalArgumentException("text_encoder.max_tokens must be between 2 and 8192");
        }
        if (!pooling.equals("mean") && !pooling.equals("cls")) {
            throw new IllegalArgumentException("text_encoder.pooling must be mean or cls, was '" + pooling + "'");
        }
        if (intraOpThreads < 1 || intraOpThreads > 64) {
            throw new IllegalArgumentException("text_encoder.intra_op_threads must be between 1 and 64");
        }
    }
}

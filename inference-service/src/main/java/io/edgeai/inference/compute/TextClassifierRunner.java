package io.edgeai.inference.compute;

import java.util.List;

/**
 * A text classifier trained on site: the sentence encoder named in its model.json embeds the texts, then a small
 * head (logistic regression or MLP, softmax over the classes) runs on the vectors. The encoder is not loaded here:
 * the {@link TextEmbedder} is the repository's served encoder, so every classifier shares its one copy (90 MB) and its
 * batcher. Input {@code BYTES [n]}; outputs {@code probabilities FP32 [n, k]}, {@code label BYTES [n]} (the most
 * probable class), then the per-row {@code truncated} flags.
 */
public final class TextClassifierRunner implements ModelRunner {

    private final TextEmbedder encoder;
    private final ModelRunner head;
    private final List<String> classes;

    /**
     * @param encoder the served encoder the head was trained on
     * @param head    vectors in, class probabilities out (closed with this runner)
     * @param classes class names in output order
     */
    public TextClassifierRunner(TextEmbedder encoder, ModelRunner head, List<String> classes) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a text classifier needs at least two labels in model.json");
        }
        this.encoder = encoder;
        this.head = head;
        this.classes = List.copyOf(classes);
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        TextEmbedder.Embeddings e = encoder.embed((String[]) inputs.get(0).data());
        Tensor probabilities = head.run(List.of(e.vectors())).get(0);
        int n = probabilities.rows();
        int k = probabilities.rowWidth();
        if (k != classes.size()) {
            throw new IllegalStateException("the head returned " + k + " classes, model.json labels " + classes.size());
        }
        float[] p = (float[]) probabilities.data();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            labels[i] = classes.get(best);
        }
        long[] rows = {n};
        return List.of(probabilities, new Tensor(Datatype.BYTES, rows, labels),
                new Tensor(Datatype.BOOL, rows, e.truncated()));
    }

    @Override
    public List<String> rowParameters() {
        return List.of(OnnxTextEncoder.TRUNCATED);
    }

    @Override
    public void close() {
        head.close();
    }
}

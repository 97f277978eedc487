package io.edgeai.inference.compute;

/** Turns texts into one vector each: a sentence encoder, loaded here or served by the repository. */
public interface TextEmbedder {

    /**
     * @param texts one text per row
     * @return the vectors and, per row, whether the text was cut to the encoder's token limit
     */
    Embeddings embed(String[] texts);

    /**
     * @param vectors   FP32 {@code [n, dims]}
     * @param truncated per row: the text had more tokens than the encoder takes
     */
    record Embeddings(Tensor vectors, boolean[] truncated) {
    }
}

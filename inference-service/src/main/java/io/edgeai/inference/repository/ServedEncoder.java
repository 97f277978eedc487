package io.edgeai.inference.repository;

import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.compute.TextEmbedder;
import java.util.List;

/**
 * A text classifier's view of the encoder it was trained on: each call leases the pinned encoder version from the
 * served models and goes through its batcher, so classifiers share the one loaded encoder and batch with every other
 * text request. Resolved per call, so load order does not matter and a reloaded encoder is picked up.
 */
public final class ServedEncoder implements TextEmbedder {

    private final ServedVersions served;
    private final ModelConfig.EncoderReference reference;
    private final String user;

    public ServedEncoder(ServedVersions served, ModelConfig.EncoderReference reference, String user) {
        this.served = served;
        this.reference = reference;
        this.user = user;
    }

    @Override
    public Embeddings embed(String[] texts) {
        String version = reference.version() == null ? null : reference.version().toString();
        Lease lease;
        try {
            lease = served.acquire(reference.model(), version);
        } catch (ModelNotFoundException e) {
            throw new DependencyUnavailableException("model '" + user + "' needs encoder '" + reference.model() + "'"
                    + (version == null ? "" : " version " + version) + ", which is not served: " + e.getMessage());
        }
        try (lease) {
            List<Tensor> out = lease.version().infer(List.of(new Tensor(Datatype.BYTES, new long[] {texts.length},
                    texts)));
            boolean[] truncated = out.size() > 1 && out.get(1).datatype() == Datatype.BOOL
                    ? (boolean[]) out.get(1).data() : new boolean[texts.length];
            return new Embeddings(out.get(0), truncated);
        }
    }
}

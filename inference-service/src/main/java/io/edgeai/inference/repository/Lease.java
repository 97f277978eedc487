package io.edgeai.inference.repository;

/** A model version held for one request; closing it lets a retired version shut down. */
public final class Lease implements AutoCloseable {

    private final ModelVersion version;
    private boolean released;

    Lease(ModelVersion version) {
        this.version = version;
    }

    public ModelVersion version() {
        return version;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            version.release();
        }
    }
}

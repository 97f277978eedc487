package io.edgeai.inference.compute;

/**
 * PyTorch's intra-op thread count is an OpenMP setting, and OpenMP keeps it <em>per thread</em>: the
 * {@code ai.djl.pytorch.num_threads} that DJL applies at engine start-up reaches only the thread that loaded the
 * engine. Every other thread (batcher workers, the training thread) starts with OpenMP's default, one worker per
 * core, and after each parallel region those workers spin-wait for more work. Measured on the 2-core box: libgomp's
 * spin loop was 75 % of the inference service's CPU under the pipeline benchmark, stealing the cores the other
 * services needed. {@link #configureCurrentThread()} applies the configured count to the calling thread, once.
 */
public final class TorchThreads {

    private static final ThreadLocal<Boolean> CONFIGURED = ThreadLocal.withInitial(() -> false);

    private TorchThreads() {
    }

    /** The configured intra-op thread count ({@code ai.djl.pytorch.num_threads}, 1 when unset or invalid). */
    public static int intraOpThreads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Applies the configured intra-op thread count to the calling thread; cheap after the first call. */
    public static void configureCurrentThread() {
        if (!CONFIGURED.get()) {
            ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library if nothing has yet
            ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOpThreads());
            CONFIGURED.set(true);
        }
    }
}

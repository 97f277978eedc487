import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.Tensor;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The in-process ceiling: the server's own runner (DJL, PyTorch engine) on one thread, no HTTP, no batcher.
 * Usage: java -cp <classes:libs> PredictorBench.java <version folder> <seconds>
 * Prints one line per batch size: "<batch> <calls/s> <rows/s> <median us per call>".
 */
public class PredictorBench {

    public static void main(String[] args) throws Exception {
        // as the server runs it (InferenceApplication): one PyTorch thread per execution
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        ModelConfig config = ModelConfigCodec.read(dir.resolve("model.json"));
        int width = config.inputs().get(0).shape().get(1).intValue();
        try (ModelRunner runner = new ModelLoader().load(dir, config)) {
            for (int batch : new int[] {1, 32}) {
                float[] data = new float[batch * width];
                Random random = new Random(1);
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) random.nextGaussian();
                }
                List<Tensor> in = List.of(new Tensor(Datatype.FP32, new long[] {batch, width}, data));
                long warm = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < warm) {
                    runner.run(in);
                }
                long[] samples = new long[2_000_000];
                int n = 0;
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long now = start;
                while (now < end && n < samples.length) {
                    long t = System.nanoTime();
                    runner.run(in);
                    now = System.nanoTime();
                    samples[n++] = now - t;
                }
                double elapsed = (now - start) / 1e9;
                java.util.Arrays.sort(samples, 0, n);
                System.out.printf("%d %.0f %.0f %.1f%n", batch, n / elapsed, n * batch / elapsed,
                        samples[n / 2] / 1000.0);
            }
        }
    }
}

package io.edgeai.inference.training;

import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.training.core.BinaryMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: trains {@code ai4i-failure} from an AI4I 2020 CSV and writes it as a new version of the model
 * repository, evaluation report included.
 *
 * <pre>
 * java -cp inference-service/target/inference-service-0.1.0-SNAPSHOT.jar \
 *   -Dloader.main=io.edgeai.inference.training.TrainCommand \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --csv ai4i2020.csv --repository models --model ai4i-failure
 * </pre>
 *
 * Options: {@code --version N} (default: next free), {@code --seed}, {@code --epochs}, {@code --patience},
 * {@code --hidden 64,64}, {@code --learning-rate}, {@code --batch-size}; {@code --family trees} trains
 * gradient-boosted trees instead ({@code --depth}, {@code --eta}, {@code --rounds}).
 */
public final class TrainCommand {

    private TrainCommand() {
    }

    public static void main(String[] args) throws Exception {
        // before the first DJL class loads: no network, no telemetry
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("OPT_OUT_TRACKING", "true");
        // a small MLP trains fastest on one thread; spinning intra-op threads only compete on a busy box
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        Map<String, String> opts = parse(args);
        if (opts.containsKey("help") || !opts.containsKey("csv")) {
            System.out.println("usage: TrainCommand --csv <ai4i2020.csv> [--repository models] [--model ai4i-failure]"
                    + " [--version N] [--seed 42] [--epochs 400] [--patience 100] [--hidden 128,64]"
                    + " [--learning-rate 0.001] [--batch-size 64] [--max-positive-weight 2]"
                    + " [--noisy-or none|own,2,3,4] [--select pr_auc|loss] [--ensemble 1]"
                    + " [--family mlp|trees] [--depth 4] [--eta 0.1] [--rounds 400]");
            System.exit(opts.containsKey("help") ? 0 : 2);
        }
        Path csv = Path.of(opts.get("csv"));
        if (!Files.isRegularFile(csv)) {
            System.err.println("no such CSV: " + csv);
            System.exit(2);
        }
        TrainingOptions d = TrainingOptions.defaults();
        List<Integer> hidden = new ArrayList<>();
        for (String h : opts.getOrDefault("hidden", "").split(",")) {
            if (!h.isBlank()) {
                hidden.add(Integer.parseInt(h.trim()));
            }
        }
        TrainingOptions options = new TrainingOptions(
                Long.parseLong(opts.getOrDefault("seed", Long.toString(d.seed()))),
                Integer.parseInt(opts.getOrDefault("epochs", Integer.toString(d.maxEpochs()))),
                Integer.parseInt(opts.getOrDefault("patience", Integer.toString(d.patience()))),
                hidden.isEmpty() ? d.hiddenUnits() : hidden,
                Float.parseFloat(opts.getOrDefault("learning-rate", Float.toString(d.learningRate()))),
                Integer.parseInt(opts.getOrDefault("batch-size", Integer.toString(d.batchSize()))),
                Double.parseDouble(opts.getOrDefault("max-positive-weight", Double.toString(d.maxPositiveWeight()))),
                noisyOr(opts.getOrDefault("noisy-or", "none")),
                !"loss".equals(opts.getOrDefault("select", "pr_auc")),
                Integer.parseInt(opts.getOrDefault("ensemble", Integer.toString(d.ensemble()))));
        Ai4iData data = Ai4iData.read(csv);
        System.out.printf("training on %s (%d rows, sha256 %s)%n", csv.getFileName(), data.rows().size(),
                data.sha256());
        TrainedModel trained = "trees".equals(opts.getOrDefault("family", "mlp"))
                ? new TreeFailureModelTrainer(options.seed(), options.maxPositiveWeight(),
                        Integer.parseInt(opts.getOrDefault("depth", "4")),
                        Double.parseDouble(opts.getOrDefault("eta", "0.1")),
                        Integer.parseInt(opts.getOrDefault("rounds", "400"))).train(data)
                : new FailureModelTrainer(options).train(data);
        Path repository = Path.of(opts.getOrDefault("repository", "models"));
        String model = opts.getOrDefault("model", "ai4i-failure");
        long version = VersionFolderWriter.write(repository, model,
                opts.containsKey("version") ? Long.valueOf(opts.get("version")) : null,
                v -> trained.config(model, v), trained.files());
        Path dir = repository.resolve(model).resolve(Long.toString(version));
        EvaluationReport r = trained.evaluation();
        System.out.printf("wrote %s (best epoch %d of %d, %.1f s)%n", dir, r.training().bestEpoch(),
                r.training().epochs(), r.training().seconds());
        if (r.validationPerClass() != null) {
            System.out.printf("validation split: %d rows (every choice is made here)%n", r.data().validationRows());
            print(r.validationPerClass());
        }
        System.out.printf("test split: %d rows%n", r.data().testRows());
        print(r.perClass());
    }

    private static void print(Map<String, BinaryMetrics> perClass) {
        System.out.printf("%-16s %9s %9s %9s %9s %9s %9s %8s %s%n", "label", "threshold", "precision", "recall",
                "f1", "roc_auc", "pr_auc", "support", "tp/fp/fn/tn");
        perClass.forEach((label, m) -> System.out.printf("%-16s %9.4f %9.4f %9.4f %9.4f %9s %9s %8d %d/%d/%d/%d%n",
                label, m.threshold(), m.precision(), m.recall(), m.f1(), fmt(m.rocAuc()), fmt(m.prAuc()),
                m.support(), m.confusionMatrix().tp(), m.confusionMatrix().fp(), m.confusionMatrix().fn(),
                m.confusionMatrix().tn()));
    }

    /** "none", or the source columns joined by commas, "own" first when the target's own head joins. */
    private static io.edgeai.inference.compute.MlpArchitecture.NoisyOr noisyOr(String spec) {
        if (spec.equals("none")) {
            return null;
        }
        List<Integer> sources = new ArrayList<>();
        boolean own = false;
        for (String part : spec.split(",")) {
            if (part.trim().equals("own")) {
                own = true;
            } else {
                sources.add(Integer.parseInt(part.trim()));
            }
        }
        return new io.edgeai.inference.compute.MlpArchitecture.NoisyOr(0, sources, own);
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format("%.4f", v);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                out.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(key, args[++i]);
            } else {
                out.put(key, "true");
            }
        }
        return out;
    }
}

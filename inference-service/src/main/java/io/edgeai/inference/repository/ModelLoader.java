package io.edgeai.inference.repository;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.edgeai.contracts.model.Regression;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.DjlModelRunner;
import io.edgeai.inference.compute.IntegratedGradients;
import io.edgeai.inference.compute.ModelRunner;
import io.edgeai.inference.compute.OnnxTextEncoder;
import io.edgeai.inference.compute.TextClassifierRunner;
import io.edgeai.inference.compute.TreeEnsembleSpec;
import io.edgeai.inference.compute.XgboostRunner;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a version folder into a runnable model, per platform: {@code djl} (an MLP rebuilt from model.json, or a text
 * classifier's head chained after its served encoder), {@code pytorch_torchscript}, {@code onnx} (a sentence
 * encoder with its tokenizer) and {@code xgboost} (gradient-boosted trees, one booster per output).
 */
@Component
public class ModelLoader {

    /** The default weights file of a {@code djl} model. */
    public static final String DJL_WEIGHTS = "model.params";
    /** The default model file of an {@code onnx} model. */
    public static final String ONNX_MODEL = "model.onnx";

    private final ServedVersions served;

    /** A loader without a repository: text classifiers (which chain a served encoder) do not load. */
    public ModelLoader() {
        this(null);
    }

    @Autowired
    public ModelLoader(ServedVersions served) {
        this.served = served;
    }

    public ModelRunner load(Path dir, ModelConfig config) {
        validate(config);
        List<Datatype> outputTypes = config.outputs().stream().map(o -> Datatype.parse(o.datatype())).toList();
        try {
            return switch (config.platform()) {
                case ModelConfig.PLATFORM_DJL -> loadDjl(dir, config, outputTypes);
                case ModelConfig.PLATFORM_TORCHSCRIPT -> loadTorchScript(dir, config, outputTypes);
                case ModelConfig.PLATFORM_ONNX -> loadOnnx(dir, config);
                case ModelConfig.PLATFORM_XGBOOST -> loadXgboost(dir, config);
                default -> throw new ModelLoadException("unknown platform '" + config.platform()
                        + "' (supported: djl, pytorch_torchscript, onnx, xgboost)", null);
            };
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException("cannot load " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void validate(ModelConfig config) {
        if (config.platform() == null) {
            throw new ModelLoadException("model.json has no platform", null);
        }
        if (config.inputs().isEmpty() || config.outputs().isEmpty()) {
            throw new ModelLoadException("model.json must declare inputs and outputs", null);
        }
        for (TensorSpec t : Stream.concat(config.inputs().stream(), config.outputs().stream()).toList()) {
            if (t.name() == null || Datatype.parse(t.datatype()) == null || t.shape().isEmpty()) {
                throw new ModelLoadException("tensor " + t.name() + " needs a name, a supported datatype "
                        + "(BOOL, INT32, INT64, FP32, FP64, BYTES) and a shape with the batch dimension first", null);
            }
        }
        boolean text = config.textEncoder() != null || config.encoder() != null;
        if (text && (config.inputs().size() != 1 || !"BYTES".equals(config.inputs().get(0).datatype())
                || config.inputs().get(0).shape().size() != 1)) {
            throw new ModelLoadException("a text model takes one input of datatype BYTES and shape [-1]", null);
        }
        if (!text && config.inputs().stream().anyMatch(t -> "BYTES".equals(t.datatype()))) {
            throw new ModelLoadException("BYTES inputs need a text model (text_encoder or encoder in model.json)",
                    null);
        }
    }

    private static ModelRunner loadOnnx(Path dir, ModelConfig config) throws IOException, MalformedModelException {
        if (config.textEncoder() == null) {
            throw new ModelLoadException("platform onnx serves sentence encoders: model.json needs a text_encoder "
                    + "block (tokenizer, max_tokens, pooling)", null);
        }
        if (config.outputs().size() != 1 || !"FP32".equals(config.outputs().get(0).datatype())) {
            throw new ModelLoadException("a text encoder has one output of datatype FP32 (the vectors)", null);
        }
        String file = config.defaultModelFilename() == null ? ONNX_MODEL : config.defaultModelFilename();
        try {
            return OnnxTextEncoder.load(dir, file, config.name(), config.textEncoder());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    private static ModelRunner loadXgboost(Path dir, ModelConfig config) throws IOException {
        TensorSpec in = config.inputs().get(0);
        TensorSpec out = config.outputs().get(0);
        if (config.trees() == null || config.trees().boosters().isEmpty()) {
            throw new ModelLoadException("platform xgboost needs a trees block with one booster file per output", null);
        }
        boolean regression = config.regression() != null;
        long columns = regression ? Regression.LABELS.size() : config.trees().boosters().size();
        if (config.inputs().size() != 1 || !"FP32".equals(in.datatype()) || in.shape().size() != 2
                || in.shape().get(1) < 1 || config.outputs().size() != 1 || !"FP32".equals(out.datatype())
                || out.shape().size() != 2 || out.shape().get(1) != columns
                || (regression && config.trees().boosters().size() != 1)) {
            throw new ModelLoadException("platform xgboost takes one FP32 input [-1, features] and gives one FP32 "
                    + (regression ? "output [-1, 3] (rul, rul_lower, rul_upper) from one booster"
                    : "output [-1, boosters]"), null);
        }
        String objective = regression ? TreeEnsembleSpec.SQUARED_ERROR : TreeEnsembleSpec.BINARY_LOGISTIC;
        if (!objective.equals(config.trees().objective())) {
            throw new ModelLoadException("platform xgboost serves objective " + objective + (regression
                    ? " for a regression model" : "") + ", not " + config.trees().objective(), null);
        }
        List<byte[]> models = new java.util.ArrayList<>();
        for (String file : config.trees().boosters()) {
            Path p = dir.resolve(file).normalize();
            if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
                throw new ModelLoadException("no booster file " + file + " in " + dir.getFileName(), null);
            }
            models.add(Files.readAllBytes(p));
        }
        try {
            return XgboostRunner.load(models, in.shape().get(1).intValue(), config.regression());
        } catch (IllegalArgumentException | IllegalStateException e) { // a bad booster, or natives missing
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    private ModelRunner loadDjl(Path dir, ModelConfig config, List<Datatype> outputTypes)
            throws IOException, MalformedModelException {
        if (config.architecture() == null) {
            throw new ModelLoadException("platform djl needs an architecture block in model.json", null);
        }
        Path weights = dir.resolve(config.defaultModelFilename() == null ? DJL_WEIGHTS : config.defaultModelFilename());
        Block block = config.architecture().newBlock();
        Model model = Model.newInstance(config.name(), "PyTorch");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
            model.setBlock(block);
            block.loadParameters(model.getNDManager(), new DataInputStream(in));
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().setRequiresGradient(false);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        if (config.encoder() == null) {
            return new DjlModelRunner(model, outputTypes, config.architecture()::toOutputs,
                    IntegratedGradients.of(config.architecture(), block));
        }
        if (served == null || config.encoder().model() == null) {
            model.close();
            throw new ModelLoadException(served == null ? "a text classifier needs the repository's encoders"
                    : "encoder.model is required", null);
        }
        return new TextClassifierRunner(new ServedEncoder(served, config.encoder(), config.name()),
                new DjlModelRunner(model, List.of(Datatype.FP32), config.architecture()::toOutputs), config.labels());
    }

    private static ModelRunner loadTorchScript(Path dir, ModelConfig config, List<Datatype> outputTypes)
            throws IOException, MalformedModelException {
        Path file;
        if (config.defaultModelFilename() != null) {
            file = dir.resolve(config.defaultModelFilename());
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> pts = files.filter(p -> p.getFileName().toString().endsWith(".pt")).toList();
                if (pts.size() != 1) {
                    throw new ModelLoadException("expected exactly one .pt file in " + dir.getFileName()
                            + " (or default_model_filename), found " + pts.size(), null);
                }
                file = pts.get(0);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("no TorchScript file " + file.getFileName(), null);
        }
        Model model = Model.newInstance(config.name(), "PyTorch");
        try {
            String fileName = file.getFileName().toString();
            model.load(dir, fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new DjlModelRunner(model, outputTypes, UnaryOperator.identity());
    }
}

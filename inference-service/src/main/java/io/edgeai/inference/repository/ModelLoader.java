package io.edgeai.inference.repository;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.edgeai.contracts.model.TensorSpec;
import io.edgeai.inference.compute.Datatype;
import io.edgeai.inference.compute.DjlModelRunner;
import io.edgeai.inference.compute.ModelRunner;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Turns a version folder into a runnable model, per platform. */
@Component
public class ModelLoader {

    /** The default weights file of a {@code djl} model. */
    public static final String DJL_WEIGHTS = "model.params";

    public ModelRunner load(Path dir, ModelConfig config) {
        validate(config);
        List<Datatype> outputTypes = config.outputs().stream().map(o -> Datatype.parse(o.datatype())).toList();
        try {
            return switch (config.platform()) {
                case ModelConfig.PLATFORM_DJL -> loadDjl(dir, config, outputTypes);
                case ModelConfig.PLATFORM_TORCHSCRIPT -> loadTorchScript(dir, config, outputTypes);
                default -> throw new ModelLoadException("unknown platform '" + config.platform()
                        + "' (supported: djl, pytorch_torchscript)", null);
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
                        + "(BOOL, INT32, INT64, FP32, FP64) and a shape with the batch dimension first", null);
            }
        }
    }

    private static ModelRunner loadDjl(Path dir, ModelConfig config, List<Datatype> outputTypes)
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
        return new DjlModelRunner(model, outputTypes, config.architecture()::toOutputs);
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

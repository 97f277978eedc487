package io.edgeai.inference.training.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.inference.compute.MlpArchitecture;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL {@code .params} bytes of an MLP to and from the suite's portable {@link ModelWeights} (named float tensors),
 * the form weights travel to the hub in and are averaged in.
 */
public final class PortableWeights {

    private static final String ENGINE = "PyTorch";

    private PortableWeights() {
    }

    public static ModelWeights fromParams(MlpArchitecture architecture, byte[] params) {
        Block block = architecture.newBlock();
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.inputSize()));
            BlockParameters.load(block, params, manager);
            List<ModelWeights.Tensor> tensors = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                tensors.add(new ModelWeights.Tensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
            }
            return new ModelWeights(tensors);
        }
    }

    /** The weights as DJL parameters of the architecture; names or shapes that do not fit are refused. */
    public static byte[] toParams(MlpArchitecture architecture, ModelWeights weights) {
        Block block = architecture.newBlock();
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.inputSize()));
            ai.djl.nn.ParameterList params = block.getParameters();
            if (params.size() != weights.tensors().size()) {
                throw new IllegalArgumentException("the architecture has " + params.size() + " parameters, the "
                        + "weights " + weights.tensors().size());
            }
            for (int i = 0; i < params.size(); i++) {
                ModelWeights.Tensor t = weights.tensors().get(i);
                NDArray a = params.get(i).getValue().getArray();
                if (!params.get(i).getKey().equals(t.name())
                        || !java.util.Arrays.equals(a.getShape().getShape(), t.shape())) {
                    throw new IllegalArgumentException("parameter " + i + " is " + params.get(i).getKey() + " "
                            + a.getShape() + " in the architecture but " + t.name() + " "
                            + java.util.Arrays.toString(t.shape()) + " in the weights");
                }
                a.set(FloatBuffer.wrap(t.values()));
            }
            return BlockParameters.save(block);
        }
    }
}

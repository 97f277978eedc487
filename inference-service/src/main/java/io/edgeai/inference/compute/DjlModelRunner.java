package io.edgeai.inference.compute;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs a DJL {@link Model} (a Java-defined block or a TorchScript module) on the PyTorch engine. Each call works in
 * its own child NDManager, so native memory is released as soon as the outputs are copied to Java arrays, and the
 * block's forward is called directly (what a Predictor with a no-op translator would do, minus its per-call context).
 */
public final class DjlModelRunner implements ModelRunner {

    private final Model model;
    private final Block block;
    private final List<Datatype> outputTypes;
    private final UnaryOperator<NDArray> outputActivation;
    private final IntegratedGradients attributions;

    /**
     * @param model            a loaded model; closed with this runner
     * @param outputTypes      the declared datatype of each output, in order
     * @param outputActivation applied to every output (identity for none)
     */
    public DjlModelRunner(Model model, List<Datatype> outputTypes, UnaryOperator<NDArray> outputActivation) {
        this(model, outputTypes, outputActivation, null);
    }

    /**
     * @param attributions explains the answers (an MLP of model.json's architecture), or null when this model cannot
     */
    public DjlModelRunner(Model model, List<Datatype> outputTypes, UnaryOperator<NDArray> outputActivation,
                          IntegratedGradients attributions) {
        this.attributions = attributions;
        this.model = model;
        this.block = model.getBlock();
        this.outputTypes = List.copyOf(outputTypes);
        this.outputActivation = outputActivation;
    }

    /**
     * TorchScript's profiling graph executor re-specialises the graph for new input shapes, and dynamic batching
     * produces many batch sizes: turned off per thread (the setting is thread-local in PyTorch) unless
     * {@code -Dai.djl.pytorch.graph_optimizer=true}.
     */
    private static final boolean GRAPH_OPTIMIZER = Boolean.getBoolean("ai.djl.pytorch.graph_optimizer");
    private static final ThreadLocal<Boolean> CONFIGURED = ThreadLocal.withInitial(() -> false);

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        if (!CONFIGURED.get()) {
            ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(GRAPH_OPTIMIZER);
            TorchThreads.configureCurrentThread();
            CONFIGURED.set(true);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList(inputs.size());
            for (Tensor t : inputs) {
                in.add(toNd(manager, t));
            }
            NDList out = block.forward(new ParameterStore(manager, false), in, false);
            if (out.size() < outputTypes.size()) {
                throw new IllegalStateException("model produced " + out.size() + " outputs, model.json declares "
                        + outputTypes.size());
            }
            List<Tensor> result = new ArrayList<>(outputTypes.size());
            for (int i = 0; i < outputTypes.size(); i++) {
                result.add(fromNd(outputActivation.apply(out.get(i)), outputTypes.get(i)));
            }
            return result;
        }
    }

    private static NDArray toNd(NDManager m, Tensor t) {
        Shape shape = new Shape(t.shape());
        return switch (t.datatype()) {
            case FP32 -> m.create((float[]) t.data(), shape);
            case FP64 -> m.create((double[]) t.data(), shape);
            case INT32 -> m.create((int[]) t.data(), shape);
            case INT64 -> m.create((long[]) t.data(), shape);
            case BOOL -> m.create((boolean[]) t.data(), shape);
            case BYTES -> throw new IllegalArgumentException("platform djl takes numeric tensors, not BYTES");
        };
    }

    private static Tensor fromNd(NDArray array, Datatype type) {
        NDArray a = array.getDataType() == type.toDjl() ? array : array.toType(type.toDjl(), false);
        long[] shape = a.getShape().getShape();
        Object data = switch (type) {
            case FP32 -> a.toFloatArray();
            case FP64 -> a.toDoubleArray();
            case INT32 -> a.toIntArray();
            case INT64 -> a.toLongArray();
            case BOOL -> a.toBooleanArray();
            case BYTES -> throw new IllegalArgumentException("platform djl returns numeric tensors, not BYTES");
        };
        return new Tensor(type, shape, data);
    }

    @Override
    public Attributions explain(List<Tensor> inputs) {
        return attributions == null ? null : attributions.explain(inputs);
    }

    @Override
    public void close() {
        model.close();
    }
}

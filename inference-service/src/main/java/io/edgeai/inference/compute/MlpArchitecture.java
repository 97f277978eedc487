package io.edgeai.inference.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;

/**
 * The {@code architecture} block of a {@code djl} model.json: a multi-layer perceptron the server rebuilds in Java
 * before loading the saved parameters (DJL .params files hold weights, not the graph).
 *
 * @param type             always {@code mlp}
 * @param inputSize        width of the input row
 * @param hiddenUnits      units of each hidden layer, in order
 * @param activation       hidden activation: {@code relu}, {@code gelu} or {@code tanh}
 * @param dropout          dropout rate between hidden layers during training (0 or null for none)
 * @param outputUnits      width of the output row
 * @param outputActivation applied to the final layer when serving: {@code sigmoid}, {@code softmax} or {@code none}
 * @param noisyOr          optional, with sigmoid outputs: one output is the union of its own head and others
 * @param ensemble         optional: that many MLPs of this shape (trained apart, e.g. with different seeds) whose
 *                         logits are averaged; null or 1 is a single MLP
 */
public record MlpArchitecture(String type, int inputSize, List<Integer> hiddenUnits, String activation, Double dropout,
                              int outputUnits, String outputActivation, NoisyOr noisyOr, Integer ensemble) {

    /** A single MLP (no ensemble). */
    public MlpArchitecture(String type, int inputSize, List<Integer> hiddenUnits, String activation, Double dropout,
                           int outputUnits, String outputActivation, NoisyOr noisyOr) {
        this(type, inputSize, hiddenUnits, activation, dropout, outputUnits, outputActivation, noisyOr, null);
    }

    /** The same network as an average of {@code members} MLPs (1: a single one). */
    public MlpArchitecture withEnsemble(int members) {
        return new MlpArchitecture(type, inputSize, hiddenUnits, activation, dropout, outputUnits, outputActivation,
                noisyOr, members <= 1 ? null : members);
    }

    /** Members of the ensemble (1 for a single MLP). */
    public int members() {
        return ensemble == null ? 1 : ensemble;
    }

    /**
     * Output {@code target} is {@code 1 - (1 - p_target) * prod(1 - p_source)}: "any of these causes, or something
     * else". For ai4i-failure the machine fails when a failure mode occurs, so the machine-failure output is its own
     * head (the causes the modes do not explain) combined with the mode heads, which learn sharp, clean rules.
     *
     * @param target        the output column replaced by the union
     * @param sources       the columns whose probabilities join it
     * @param includeTarget whether the target's own head joins the union (default true); false makes the target
     *                      exactly the union of the sources
     */
    public record NoisyOr(int target, List<Integer> sources, Boolean includeTarget) {
        public NoisyOr {
            sources = List.copyOf(sources);
        }

        public boolean ownHead() {
            return includeTarget == null || includeTarget;
        }
    }

    public MlpArchitecture {
        if (!"mlp".equals(type)) {
            throw new IllegalArgumentException("architecture type must be 'mlp', was '" + type + "'");
        }
        hiddenUnits = hiddenUnits == null ? List.of() : List.copyOf(hiddenUnits);
        activation = activation == null ? "relu" : activation;
        outputActivation = outputActivation == null ? "none" : outputActivation;
        if (inputSize < 1 || outputUnits < 1) {
            throw new IllegalArgumentException("architecture needs input_size and output_units >= 1");
        }
        if (!List.of("relu", "gelu", "tanh").contains(activation)) {
            throw new IllegalArgumentException("unknown activation '" + activation + "'");
        }
        if (!List.of("sigmoid", "softmax", "none").contains(outputActivation)) {
            throw new IllegalArgumentException("unknown output_activation '" + outputActivation + "'");
        }
        if (ensemble != null && ensemble < 1) {
            throw new IllegalArgumentException("ensemble needs at least one member, was " + ensemble);
        }
        if (noisyOr != null) {
            if (!"sigmoid".equals(outputActivation)) {
                throw new IllegalArgumentException("noisy_or needs output_activation sigmoid");
            }
            for (int c : concat(noisyOr.target(), noisyOr.sources())) {
                if (c < 0 || c >= outputUnits) {
                    throw new IllegalArgumentException("noisy_or column " + c + " is not an output");
                }
            }
        }
    }

    private static List<Integer> concat(int first, List<Integer> rest) {
        List<Integer> all = new java.util.ArrayList<>(rest);
        all.add(first);
        return all;
    }

    /** Logits to served outputs: the output activation, then the noisy-or union when configured. */
    public NDArray toOutputs(NDArray logits) {
        NDArray p = switch (outputActivation) {
            case "sigmoid" -> Activation.sigmoid(logits);
            case "softmax" -> logits.softmax(-1);
            default -> logits;
        };
        if (noisyOr == null) {
            return p;
        }
        NDList columns = new NDList(outputUnits);
        NDArray keep = p.get(new NDIndex(":, {}", noisyOr.target())).neg().add(1);
        if (!noisyOr.ownHead()) {
            keep = keep.onesLike();
        }
        for (int s : noisyOr.sources()) {
            keep = keep.mul(p.get(new NDIndex(":, {}", s)).neg().add(1));
        }
        for (int c = 0; c < outputUnits; c++) {
            columns.add(c == noisyOr.target() ? keep.neg().add(1) : p.get(new NDIndex(":, {}", c)));
        }
        return NDArrays.stack(columns, 1);
    }

    /**
     * The network up to the logits (the output activation is applied by the runner, so training can use logits). An
     * ensemble is a {@link ParallelBlock} of {@link #members()} MLPs joined by the mean of their logits; its
     * parameters are the members' parameters in order.
     */
    public Block newBlock() {
        if (members() == 1) {
            return newMember();
        }
        List<Block> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < members(); i++) {
            blocks.add(newMember());
        }
        return new ParallelBlock(outputs -> {
            NDArray sum = outputs.get(0).singletonOrThrow();
            for (int i = 1; i < outputs.size(); i++) {
                sum = sum.add(outputs.get(i).singletonOrThrow());
            }
            return new NDList(sum.div(outputs.size()));
        }, blocks);
    }

    /** One MLP of this shape: an ensemble member, or the whole network when there is no ensemble. */
    public Block newMember() {
        SequentialBlock block = new SequentialBlock();
        for (int units : hiddenUnits) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(switch (activation) {
                case "gelu" -> Activation.geluBlock();
                case "tanh" -> Activation.tanhBlock();
                default -> Activation.reluBlock();
            });
            if (dropout != null && dropout > 0) {
                block.add(Dropout.builder().optRate(dropout.floatValue()).build());
            }
        }
        block.add(Linear.builder().setUnits(outputUnits).build());
        return block;
    }
}

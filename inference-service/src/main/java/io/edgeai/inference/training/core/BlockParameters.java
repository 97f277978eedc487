package io.edgeai.inference.training.core;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A network's weights as DJL {@code .params} bytes: what a training run keeps per best epoch and writes to disk. */
public final class BlockParameters {

    private BlockParameters() {
    }

    public static byte[] save(Block block) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void load(Block block, byte[] params, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("parameters do not fit the architecture: " + e.getMessage(), e);
        }
    }

    /**
     * The weights of an ensemble block whose children are the given members, in order.
     *
     * @param ensemble an initialised block of the ensemble architecture
     */
    public static byte[] ensemble(Block ensemble, List<byte[]> members, NDManager manager) {
        if (members.size() == 1) {
            load(ensemble, members.get(0), manager);
        } else {
            for (int m = 0; m < members.size(); m++) {
                load(ensemble.getChildren().valueAt(m), members.get(m), manager);
            }
        }
        return save(ensemble);
    }
}

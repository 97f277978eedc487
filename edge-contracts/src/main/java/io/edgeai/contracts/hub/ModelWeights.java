package io.edgeai.contracts.hub;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A network's weights in a form that needs no deep-learning engine to read: named float32 tensors in a fixed order.
 * The hub checks and averages these; inference turns them into and out of DJL parameters.
 *
 * <p>Byte layout (big-endian): {@code "EDGW" | int formatVersion (1) | int tensorCount}, then per tensor
 * {@code UTF name | int rank | int dim... | float value...} (as many values as the dims' product). The checksum of
 * a package is the hex SHA-256 of exactly these bytes.
 *
 * @param tensors the parameters in the network's order
 */
public record ModelWeights(List<Tensor> tensors) {

    private static final int MAGIC = 0x45444757; // "EDGW"
    private static final int FORMAT = 1;
    /** Upper bound of one tensor's values (64 M floats): a corrupt length must not allocate the heap away. */
    private static final long MAX_VALUES = 64L * 1024 * 1024;

    public ModelWeights {
        tensors = List.copyOf(tensors);
    }

    /**
     * One named parameter.
     *
     * @param name   the parameter's name in the network (e.g. {@code 01Linear_weight})
     * @param shape  its dimensions
     * @param values row-major values, as many as the dimensions' product
     */
    public record Tensor(String name, long[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape)
                        + " needs " + n + " values, has " + values.length);
            }
        }

        /** Same name and shape: the same parameter of the same architecture. */
        public boolean sameLayout(Tensor other) {
            return name.equals(other.name) && Arrays.equals(shape, other.shape);
        }
    }

    /** Whether both hold the same parameters with the same shapes, in the same order. */
    public boolean sameLayout(ModelWeights other) {
        if (tensors.size() != other.tensors.size()) {
            return false;
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (!tensors.get(i).sameLayout(other.tensors.get(i))) {
                return false;
            }
        }
        return true;
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeInt(tensors.size());
                for (Tensor t : tensors) {
                    out.writeUTF(t.name());
                    out.writeInt(t.shape().length);
                    for (long d : t.shape()) {
                        out.writeInt((int) d);
                    }
                    for (float v : t.values()) {
                        out.writeFloat(v);
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #encode()}'s bytes; anything else is an {@link IllegalArgumentException} saying why. */
    public static ModelWeights decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 12 || in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not suite weights (no EDGW header)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("weights format " + format + " is not supported (only " + FORMAT
                        + ")");
            }
            int count = in.readInt();
            if (count < 0 || count > 10_000) {
                throw new IllegalArgumentException("weights claim " + count + " tensors");
            }
            List<Tensor> tensors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IllegalArgumentException("tensor " + name + " claims rank " + rank);
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt();
                    n *= shape[d];
                    if (shape[d] < 0 || n > MAX_VALUES || n * 4 > in.available()) {
                        throw new IllegalArgumentException("tensor " + name + " claims more values than the bytes hold");
                    }
                }
                float[] values = new float[(int) n];
                for (int v = 0; v < n; v++) {
                    values[v] = in.readFloat();
                }
                tensors.add(new Tensor(name, shape, values));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the last tensor");
            }
            return new ModelWeights(tensors);
        } catch (IOException e) {
            throw new IllegalArgumentException("weights end early: " + e.getMessage(), e);
        }
    }

    /** The hex SHA-256 of some bytes: the checksum a {@link ModelPackage} carries. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

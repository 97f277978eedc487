package io.edgeai.inference.compute;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/**
 * A dense row-major tensor whose first dimension is the batch: the unit the batcher merges and splits.
 *
 * @param datatype element type
 * @param shape    dimensions, batch first
 * @param data     a primitive array of {@code datatype} ({@code float[]} for FP32...) holding every element
 */
public record Tensor(Datatype datatype, long[] shape, Object data) {

    public Tensor {
        shape = shape.clone();
        if (Array.getLength(data) != elementCount(shape)) {
            throw new IllegalArgumentException("tensor data has " + Array.getLength(data) + " elements, shape "
                    + Arrays.toString(shape) + " needs " + elementCount(shape));
        }
    }

    /** Number of elements a tensor of that shape holds. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Rows in the batch dimension. */
    public int rows() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }

    /** Elements per batch row. */
    public int rowWidth() {
        int rows = rows();
        return rows == 0 ? 0 : Array.getLength(data) / rows;
    }

    /** Stacks tensors of identical datatype and row shape along the batch dimension. */
    public static Tensor concat(List<Tensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Tensor first = parts.get(0);
        long rows = 0;
        int length = 0;
        for (Tensor t : parts) {
            rows += t.rows();
            length += Array.getLength(t.data);
        }
        Object merged = first.datatype.newArray(length);
        int offset = 0;
        for (Tensor t : parts) {
            int n = Array.getLength(t.data);
            System.arraycopy(t.data, 0, merged, offset, n);
            offset += n;
        }
        long[] shape = first.shape.clone();
        shape[0] = rows;
        return new Tensor(first.datatype, shape, merged);
    }

    /** The rows {@code [from, from + count)} as a new tensor. */
    public Tensor rows(int from, int count) {
        if (from == 0 && count == rows()) {
            return this;
        }
        int width = rowWidth();
        Object part = datatype.newArray(count * width);
        System.arraycopy(data, from * width, part, 0, count * width);
        long[] s = shape.clone();
        s[0] = count;
        return new Tensor(datatype, s, part);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && datatype == t.datatype && Arrays.equals(shape, t.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
    }

    @Override
    public int hashCode() {
        return 31 * datatype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Tensor[" + datatype + " " + Arrays.toString(shape) + "]";
    }
}

package io.edgeai.inference.compute;

import java.util.Locale;

/**
 * The tensor element types the server accepts, named as in the Open Inference Protocol. {@code BYTES} elements are
 * held as Java strings (text models take and return UTF-8 text; a JSON request carries it as strings).
 */
public enum Datatype {
    BOOL, INT32, INT64, FP32, FP64, BYTES;

    /** The datatype of that protocol name, or null when the server does not support it. */
    public static Datatype parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A zeroed primitive array of this type: the storage of a tensor. */
    public Object newArray(int length) {
        return switch (this) {
            case BOOL -> new boolean[length];
            case INT32 -> new int[length];
            case INT64 -> new long[length];
            case FP32 -> new float[length];
            case FP64 -> new double[length];
            case BYTES -> new String[length];
        };
    }

    /** True for the numeric and boolean types a tensor engine takes directly. */
    public boolean numeric() {
        return this != BYTES;
    }

    ai.djl.ndarray.types.DataType toDjl() {
        return switch (this) {
            case BOOL -> ai.djl.ndarray.types.DataType.BOOLEAN;
            case INT32 -> ai.djl.ndarray.types.DataType.INT32;
            case INT64 -> ai.djl.ndarray.types.DataType.INT64;
            case FP32 -> ai.djl.ndarray.types.DataType.FLOAT32;
            case FP64 -> ai.djl.ndarray.types.DataType.FLOAT64;
            case BYTES -> throw new IllegalArgumentException("BYTES tensors do not go to the engine as they are");
        };
    }
}

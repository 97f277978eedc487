package io.edgeai.datashard.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Embeddings as stored: little-endian IEEE 754 floats, 4 bytes each, nothing else (384 floats = 1,536 bytes), the
 * same bytes in H2 and PostgreSQL; and the cosine similarity the notes search ranks by.
 */
public final class Vectors {

    private Vectors() {
    }

    /** The stored form of a vector. */
    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /** The vector a stored form holds. */
    public static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** The vector scaled to length 1 (a copy), or null when it has no length. */
    public static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        if (norm == 0 || !Double.isFinite(norm)) {
            return null;
        }
        float[] unit = new float[vector.length];
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] * scale);
        }
        return unit;
    }

    /**
     * Cosine similarity of a unit vector with a stored vector, read straight from its bytes; NaN when the lengths
     * differ or the stored vector has no length. Encoders give unit vectors already, but a stored vector is not
     * trusted to be one.
     */
    public static double cosine(float[] unitQuery, byte[] stored) {
        if (stored.length != unitQuery.length * Float.BYTES) {
            return Double.NaN;
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < unitQuery.length; i++) {
            float v = buffer.getFloat(i * Float.BYTES);
            dot += unitQuery[i] * v;
            norm += v * v;
        }
        return norm == 0 ? Double.NaN : dot / Math.sqrt(norm);
    }
}

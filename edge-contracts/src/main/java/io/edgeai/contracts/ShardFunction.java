package io.edgeai.contracts;

import java.nio.charset.StandardCharsets;

/**
 * The one function that maps a device to its virtual shard, shared by data-shard-service and the gateway.
 *
 * <p>It is 32-bit FNV-1a over the UTF-8 bytes of the device id, taken unsigned, modulo the shard count. FNV-1a is
 * specified byte for byte, so the mapping is stable across JVMs, releases and languages (a shard's files can be
 * moved to another box and an integrator can compute the owner in a shell script). Never change it: stored data
 * is laid out by it.
 */
public final class ShardFunction {

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private ShardFunction() {
    }

    /** The unsigned 32-bit FNV-1a hash of the device id's UTF-8 bytes. */
    public static long hash(String deviceId) {
        int h = FNV_OFFSET_BASIS;
        for (byte b : deviceId.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return Integer.toUnsignedLong(h);
    }

    /** The virtual shard, in {@code [0, shardCount)}, that holds the device's data. */
    public static int shardOf(String deviceId, int shardCount) {
        if (shardCount <= 0) {
            throw new IllegalArgumentException("shardCount must be positive, was " + shardCount);
        }
        return (int) (hash(deviceId) % shardCount);
    }

    /** The instance (StatefulSet ordinal) that owns a shard when {@code instances} share the shards round-robin. */
    public static int ownerOf(int shard, int instances) {
        if (instances <= 0) {
            throw new IllegalArgumentException("instances must be positive, was " + instances);
        }
        return shard % instances;
    }
}

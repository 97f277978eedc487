package io.edgeai.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardFunctionTest {

    @Test
    void matchesPublishedFnv1aVectors() {
        // Reference values of 32-bit FNV-1a (draft-eastlake-fnv): if these move, stored data is mis-routed.
        assertThat(ShardFunction.hash("")).isEqualTo(0x811c9dc5L);
        assertThat(ShardFunction.hash("a")).isEqualTo(0xe40c292cL);
        assertThat(ShardFunction.hash("foobar")).isEqualTo(0xbf9cf968L);
    }

    @Test
    void shardOfIsPinnedForKnownDevices() {
        // Pinned once; a change here means a release would move devices to other shards.
        assertThat(ShardFunction.shardOf("mill-01", 16)).isEqualTo(13);
        assertThat(ShardFunction.shardOf("foobar", 16)).isEqualTo(8);
        assertThat(ShardFunction.shardOf("a", 16)).isEqualTo(12);
    }

    @Test
    void spreadsDevicesOverAllShards() {
        int[] counts = new int[16];
        IntStream.range(0, 16_000).forEach(i -> counts[ShardFunction.shardOf("device-" + i, 16)]++);
        assertThat(IntStream.of(counts).min().orElseThrow()).isGreaterThan(800);
        assertThat(IntStream.of(counts).max().orElseThrow()).isLessThan(1200);
    }

    @Test
    void ownerIsShardModuloInstances() {
        assertThat(ShardFunction.ownerOf(5, 3)).isEqualTo(2);
        assertThat(ShardFunction.ownerOf(5, 1)).isZero();
    }

    @Test
    void refusesNonPositiveCounts() {
        assertThatThrownBy(() -> ShardFunction.shardOf("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardFunction.ownerOf(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

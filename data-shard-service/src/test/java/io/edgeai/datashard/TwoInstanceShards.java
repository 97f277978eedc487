package io.edgeai.datashard;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests that run this service as instance 0 of 2 on shard files in a temporary directory: the even shards of 16 are
 * owned here, the odd ones refused (421). Retention is off so it never races a test.
 */
public abstract class TwoInstanceShards {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        registry.add("edge.shards.data-dir", () -> dataDir.toString());
        registry.add("edge.shards.instances", () -> "2");
        registry.add("edge.shards.ordinal", () -> "0");
        registry.add("edge.retention.enabled", () -> "false");
    }

    /** The n-th device ("dev-..") whose shard this instance owns. */
    protected static String mine(int n) {
        return TestHttp.device(16, s -> s % 2 == 0, n);
    }

    /** The n-th device whose shard instance 1 owns. */
    protected static String theirs(int n) {
        return TestHttp.device(16, s -> s % 2 == 1, n);
    }
}

package io.edgeai.datashard;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Base of the controller slice tests: the web layer of one controller over the real shard stores (H2 files in a
 * temporary directory, {@link ShardStoresConfiguration}), as instance 0 of 2, so even shards are owned here and odd
 * ones refused.
 */
public abstract class ShardSliceTest {

    /** The 16 shards' devices: the n-th one this instance owns, and the n-th one instance 1 owns. */
    protected static String mine(int n) {
        return TestHttp.device(16, s -> s % 2 == 0, n);
    }

    protected static String theirs(int n) {
        return TestHttp.device(16, s -> s % 2 == 1, n);
    }

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        registry.add("edge.shards.data-dir", () -> dataDir.toString());
        registry.add("edge.shards.instances", () -> "2");
        registry.add("edge.shards.ordinal", () -> "0");
    }

    @Autowired
    protected MockMvcTester mvc;
}

package io.edgeai.datashard;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Base of the controller slice tests: the web layer of one controller over the real shard stores
 * ({@link ShardStoresConfiguration}) of instance 0 of 2.
 */
public abstract class ShardSliceTest extends TwoInstanceShards {

    @Autowired
    protected MockMvcTester mvc;
}

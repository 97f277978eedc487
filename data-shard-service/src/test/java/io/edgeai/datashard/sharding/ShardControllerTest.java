package io.edgeai.datashard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/** The ownership map a gateway or an operator reads to know where a device's data lives. */
@WebMvcTest(ShardController.class)
@Import(ShardStoresConfiguration.class)
class ShardControllerTest extends ShardSliceTest {

    @Test
    void theMapNamesEveryShardsOwnerAndThisInstancesShards() {
        assertThat(mvc.get().uri("/api/v1/shards")).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$.shardCount").isEqualTo(16);
            json.assertThat().extractingPath("$.instances").isEqualTo(2);
            json.assertThat().extractingPath("$.ownedShards").asArray().containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
            json.assertThat().extractingPath("$.owners.7").isEqualTo(1);
        });
    }

    @Test
    void aDevicesPlacementSaysWhetherItIsServedHere() {
        String theirs = theirs(0);
        assertThat(mvc.get().uri("/api/v1/shards/devices/{id}", theirs)).hasStatusOk().bodyJson().satisfies(json -> {
            json.assertThat().extractingPath("$.shard").isEqualTo(ShardFunction.shardOf(theirs, 16));
            json.assertThat().extractingPath("$.owner").isEqualTo(1);
            json.assertThat().extractingPath("$.ownedHere").isEqualTo(false);
        });
        assertThat(mvc.get().uri("/api/v1/shards/devices/{id}", mine(0))).hasStatusOk()
                .bodyJson().extractingPath("$.ownedHere").isEqualTo(true);
    }
}

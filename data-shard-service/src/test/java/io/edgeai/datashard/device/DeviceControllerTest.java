package io.edgeai.datashard.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.datashard.ShardSliceTest;
import io.edgeai.datashard.ShardStoresConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** History and fleet status as a client asks for them, and the refusals that name the field. */
@WebMvcTest(DeviceController.class)
@Import(ShardStoresConfiguration.class)
class DeviceControllerTest extends ShardSliceTest {

    @Test
    void aDeviceWithoutReadingsHasAnEmptyFirstPage() {
        assertThat(mvc.get().uri("/api/v1/devices/{id}/history", mine(0))).hasStatusOk()
                .bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.items").asArray().isEmpty();
                    json.assertThat().extractingPath("$.hasMore").isEqualTo(false);
                    json.assertThat().extractingPath("$.order").isEqualTo("desc");
                });
    }

    @Test
    void badPagingIsRefusedNamingEachParameter() {
        assertThat(mvc.get().uri("/api/v1/devices/{id}/history?size=0&from=soon", mine(0)))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("from");
        assertThat(mvc.get().uri("/api/v1/devices/{id}/history?size=0&page=-1&order=up"
                        + "&from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z", mine(0)))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("to", "page", "size", "order");
    }

    @Test
    void aDeviceOfAnotherInstanceIsRefusedNamingItsOwner() {
        String theirs = theirs(0);
        assertThat(mvc.get().uri("/api/v1/devices/{id}/history", theirs))
                .hasStatus(HttpStatus.MISDIRECTED_REQUEST)
                .bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.owner").isEqualTo(1);
                    json.assertThat().extractingPath("$.shard").isEqualTo(ShardFunction.shardOf(theirs, 16));
                    json.assertThat().extractingPath("$.errors[0].field").isEqualTo("deviceId");
                });
    }

    @Test
    void fleetStatusListsTheOwnedShards() {
        assertThat(mvc.get().uri("/api/v1/devices/status")).hasStatusOk()
                .bodyJson().extractingPath("$.shards").asArray().containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
    }
}

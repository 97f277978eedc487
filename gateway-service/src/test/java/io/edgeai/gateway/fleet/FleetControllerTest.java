package io.edgeai.gateway.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.gateway.FakeStage;
import io.edgeai.gateway.client.DownstreamClientConfiguration;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.config.DataShardProperties;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.SecurityProperties;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

/**
 * With several data-shard owners, fleet-wide reads ask each of them (with the internal credential) and merge the
 * answers into one fleet. The API-key filters are left out: GatewaySecurityTest covers them.
 */
@WebFluxTest(controllers = FleetController.class, properties = "edge.security.internal-token=internal-secret",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebFilter.class))
@Import({DownstreamClientConfiguration.class, ShardRouter.class})
@EnableConfigurationProperties({DownstreamProperties.class, DataShardProperties.class, SecurityProperties.class})
class FleetControllerTest {

    static final FakeStage OWNER_0 = fake("{\"shards\":[0,2],\"devices\":1,\"items\":[{\"deviceId\":\"b\"}]}",
            "{\"state\":\"open\",\"count\":2,\"items\":[{\"alertId\":\"a-old\",\"raisedAt\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"alertId\":\"a-acked\",\"raisedAt\":\"2026-01-01T00:00:00Z\","
                    + "\"acknowledgedAt\":\"2026-01-03T00:00:00Z\"}]}");
    static final FakeStage OWNER_1 = fake("{\"shards\":[1,3],\"devices\":1,\"items\":[{\"deviceId\":\"a\"}]}",
            "{\"state\":\"open\",\"count\":1,\"items\":[{\"alertId\":\"a-new\","
                    + "\"raisedAt\":\"2026-01-02T00:00:00Z\"}]}");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) {
        registry.add("edge.data-shard.owners", () -> OWNER_0.uri() + "," + OWNER_1.uri());
        registry.add("edge.data-shard.shard-count", () -> "4");
    }

    @AfterAll
    static void stop() {
        OWNER_0.close();
        OWNER_1.close();
    }

    @Test
    void fleetStatusMergesEveryOwner() {
        client.get().uri("/api/v1/devices/status").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.devices").isEqualTo(2)
                .jsonPath("$.shards.length()").isEqualTo(4)
                .jsonPath("$.items[0].deviceId").isEqualTo("a")
                .jsonPath("$.items[1].deviceId").isEqualTo("b");
        assertThat(OWNER_0.tokens).isNotEmpty().allMatch("internal-secret"::equals);
        assertThat(OWNER_1.tokens).isNotEmpty().allMatch("internal-secret"::equals);
    }

    @Test
    void alertsOfEveryOwnerComeMostRecentlyChangedFirstCutToTheLimit() {
        client.get().uri("/api/v1/alerts?state=open&limit=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.state").isEqualTo("open")
                .jsonPath("$.count").isEqualTo(2)
                .jsonPath("$.items[0].alertId").isEqualTo("a-acked")
                .jsonPath("$.items[1].alertId").isEqualTo("a-new");
        assertThat(OWNER_0.calls).contains("GET /api/v1/alerts?state=open&limit=2");
        assertThat(OWNER_1.calls).contains("GET /api/v1/alerts?state=open&limit=2");
    }

    @Test
    void acknowledgingAnAlertGoesToTheOwnerOfTheDeviceTheBodyNames() {
        String device = "press-1";
        FakeStage owner = ShardFunction.ownerOf(ShardFunction.shardOf(device, 4), 2) == 0 ? OWNER_0 : OWNER_1;
        FakeStage other = owner == OWNER_0 ? OWNER_1 : OWNER_0;
        client.post().uri("/api/v1/alerts/al-7/acknowledge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deviceId\":\"" + device + "\",\"by\":\"op\"}")
                .exchange()
                .expectStatus().isOk();
        assertThat(owner.calls).contains("POST /api/v1/alerts/al-7/acknowledge");
        assertThat(other.calls).doesNotContain("POST /api/v1/alerts/al-7/acknowledge");
    }

    /** An owner answering its devices' status and its alerts; anything else (an acknowledgement) is 200 {}. */
    private static FakeStage fake(String status, String alerts) {
        try {
            return FakeStage.answeringByPath(path -> new FakeStage.Answer(200,
                    path.startsWith("/api/v1/devices/status") ? status
                            : path.startsWith("/api/v1/alerts?") ? alerts : "{}"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

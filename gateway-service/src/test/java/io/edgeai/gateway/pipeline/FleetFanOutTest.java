package io.edgeai.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.gateway.security.ApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With several data-shard owners, fleet-wide reads ask each of them and merge the answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class FleetFanOutTest {

    static final String KEY = "viewer-key";
    static final String OPERATOR_KEY = "operator-key";
    static final FakeStage OWNER_0 = fake("{\"shards\":[0,2],\"devices\":1,\"items\":[{\"deviceId\":\"b\"}],"
            + "\"state\":\"open\",\"count\":0}");
    static final FakeStage OWNER_1 = fake("{\"shards\":[1,3],\"devices\":1,\"items\":[{\"deviceId\":\"a\"}]}");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempFile("keys", ".txt");
        Files.writeString(keys, "v:viewer:" + ApiKeyStore.sha256(KEY) + "\n"
                + "o:operator:" + ApiKeyStore.sha256(OPERATOR_KEY) + "\n");
        registry.add("edge.security.api-keys-file", keys::toString);
        registry.add("edge.spool.dir", () -> keys.getParent().resolve("fleet-spool-" + System.nanoTime()).toString());
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
        client.get().uri("/api/v1/devices/status").header("X-API-Key", KEY).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.devices").isEqualTo(2)
                .jsonPath("$.shards.length()").isEqualTo(4)
                .jsonPath("$.items[0].deviceId").isEqualTo("a")
                .jsonPath("$.items[1].deviceId").isEqualTo("b");
    }

    @Test
    void feedbackGoesToTheOwnerOfTheDeviceItNames() {
        for (String device : new String[] {"press-1", "press-2", "press-3", "press-4"}) {
            FakeStage owner = ShardFunction.ownerOf(ShardFunction.shardOf(device, 4), 2) == 0 ? OWNER_0 : OWNER_1;
            FakeStage other = owner == OWNER_0 ? OWNER_1 : OWNER_0;
            String predictionId = device + "@2026-01-01T00:00:00Z/m/1";
            client.post().uri("/api/v1/feedback").header("X-API-Key", OPERATOR_KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"predictionId\":\"" + predictionId + "\",\"deviceId\":\"" + device
                            + "\",\"correct\":true,\"by\":\"op\"}")
                    .exchange()
                    .expectStatus().isOk();
            assertThat(owner.requests).anyMatch(r -> r.path("predictionId").asString().equals(predictionId));
            assertThat(other.requests).noneMatch(r -> r.path("predictionId").asString().equals(predictionId));
        }
    }

    private static FakeStage fake(String answer) {
        try {
            return FakeStage.onFreePort(body -> new FakeStage.Answer(200, answer));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

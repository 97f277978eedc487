package io.edgeai.gateway.pipeline;

import io.edgeai.gateway.security.ApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With several data-shard owners, fleet-wide reads ask each of them and merge the answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class FleetFanOutTest {

    static final String KEY = "viewer-key";
    static final FakeStage OWNER_0 = fake("{\"shards\":[0,2],\"devices\":1,\"items\":[{\"deviceId\":\"b\"}],"
            + "\"state\":\"open\",\"count\":0}");
    static final FakeStage OWNER_1 = fake("{\"shards\":[1,3],\"devices\":1,\"items\":[{\"deviceId\":\"a\"}]}");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempFile("keys", ".txt");
        Files.writeString(keys, "v:viewer:" + ApiKeyStore.sha256(KEY) + "\n");
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

    private static FakeStage fake(String answer) {
        try {
            return FakeStage.onFreePort(body -> new FakeStage.Answer(200, answer));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

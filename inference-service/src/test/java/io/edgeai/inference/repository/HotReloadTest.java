package io.edgeai.inference.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgeai.inference.OipClient;
import io.edgeai.inference.OipClient.Reply;
import io.edgeai.inference.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Versions come and go while the server runs: a version dropped into the folder is served without a restart and
 * without failing requests in flight; the repository API unloads, loads and pins versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotReloadTest {

    static final Path REPO = TestModels.newRepository("reload");

    static {
        TestModels.tinyMlp(REPO, "swap", 1);
        TestModels.tinyMlp(REPO, "api", 1);
        TestModels.tinyMlp(REPO, "api", 2);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.builtin-models", () -> ""); // the encoders have their own test class
        registry.add("edge.inference.model-repository", REPO::toString);
        registry.add("edge.inference.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    static Map<String, Object> request() {
        return Map.of("inputs", List.of(Map.of("name", "x", "datatype", "FP32", "shape", List.of(1, 4),
                "data", List.of(0.5, -1, 2, 0.25))));
    }

    @Test
    void aDroppedInVersionIsServedWithoutRestartAndWithoutFailedRequests() throws Exception {
        OipClient client = new OipClient(port);
        assertThat(client.post("/v2/models/swap/infer", request()).json().get("model_version").asString())
                .isEqualTo("1");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        Map<String, Integer> versionsSeen = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    Reply r = client.post("/v2/models/swap/infer", request());
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                        versionsSeen.merge(r.json().get("model_version").asString(), 1, Integer::sum);
                    } else {
                        failures.put(r.status(), r.body());
                    }
                }
            });
        }
        try {
            await().until(() -> ok.get() > 50);
            TestModels.tinyMlp(REPO, "swap", 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "2".equals(client.post("/v2/models/swap/infer", request()).json()
                            .get("model_version").asString()));
            int afterSwap = ok.get();
            await().until(() -> ok.get() > afterSwap + 50);
        } finally {
            running.set(false);
            load.shutdown();
        }
        assertThat(failures).isEmpty();
        assertThat(versionsSeen).containsKeys("1", "2");
        // latest policy: only the newest is served now
        assertThat(client.get("/v2/models/swap").json().get("versions").toString()).isEqualTo("[\"2\"]");
        assertThat(client.post("/v2/models/swap/versions/1/infer", request()).status()).isEqualTo(404);
    }

    @Test
    void repositoryApiUnloadsLoadsAndPinsVersions() {
        OipClient client = new OipClient(port);
        assertThat(client.get("/v2/models/api").json().get("versions").toString()).isEqualTo("[\"2\"]");

        Reply index = client.post("/v2/repository/index", "{}");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("{\"name\":\"api\",\"version\":\"2\",\"state\":\"READY\",\"reason\":\"\"}");
        assertThat(index.body()).contains("\"name\":\"api\",\"version\":\"1\",\"state\":\"UNAVAILABLE\"");

        assertThat(client.post("/v2/repository/models/api/unload", "{}").status()).isEqualTo(200);
        assertThat(client.get("/v2/models/api").status()).isEqualTo(404);
        assertThat(client.post("/v2/models/api/infer", request()).status()).isEqualTo(404);
        assertThat(client.get("/v2/health/ready").status()).isEqualTo(200); // an unloaded model is not "missing"
        assertThat(client.post("/v2/repository/index", "{\"ready\": true}").body()).doesNotContain("\"api\"");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true); // a few polls pass: it stays unloaded
        assertThat(client.get("/v2/models/api").status()).isEqualTo(404);

        assertThat(client.post("/v2/repository/models/api/load", (String) null).status()).isEqualTo(200);
        assertThat(client.post("/v2/models/api/infer", request()).json().get("model_version").asString())
                .isEqualTo("2");

        Reply pinned = client.post("/v2/repository/models/api/load",
                "{\"parameters\": {\"version_policy\": {\"specific\": {\"versions\": [1]}}}}");
        assertThat(pinned.status()).isEqualTo(200);
        assertThat(client.post("/v2/models/api/infer", request()).json().get("model_version").asString())
                .isEqualTo("1");
        assertThat(client.post("/v2/models/api/versions/2/infer", request()).status()).isEqualTo(404);

        client.post("/v2/repository/models/api/load", "{\"parameters\": {\"version_policy\": {\"all\": {}}}}");
        assertThat(client.get("/v2/models/api").json().get("versions").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(client.post("/v2/models/api/versions/1/infer", request()).status()).isEqualTo(200);
        assertThat(client.post("/v2/models/api/infer", request()).json().get("model_version").asString())
                .isEqualTo("2");

        assertThat(client.post("/v2/repository/models/nope/load", "{}").status()).isEqualTo(404);
        assertThat(client.post("/v2/repository/models/nope/unload", "{}").status()).isEqualTo(404);
    }
}

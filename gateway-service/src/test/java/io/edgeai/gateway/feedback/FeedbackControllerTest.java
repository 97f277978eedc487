package io.edgeai.gateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.gateway.FakeStage;
import io.edgeai.gateway.client.DataShardWriter;
import io.edgeai.gateway.client.DownstreamClientConfiguration;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.config.DataShardProperties;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.SecurityProperties;
import io.edgeai.gateway.config.SpoolProperties;
import io.edgeai.gateway.spool.BatchMerger;
import io.edgeai.gateway.spool.Spool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
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
 * Feedback names its device in the body, not the path: with several data-shard owners it must still reach the one
 * owning that device, with the internal credential. (Waiting for the device's spooled readings is covered by
 * IngestPipelineTest; the API-key filters by GatewaySecurityTest.)
 */
@WebFluxTest(controllers = FeedbackController.class, properties = "edge.security.internal-token=internal-secret",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebFilter.class))
@Import({DownstreamClientConfiguration.class, ShardRouter.class, Spool.class, DataShardWriter.class,
        BatchMerger.class, SimpleMeterRegistry.class})
@EnableConfigurationProperties({DownstreamProperties.class, DataShardProperties.class, SecurityProperties.class,
        SpoolProperties.class})
class FeedbackControllerTest {

    static final FakeStage OWNER_0 = fake();
    static final FakeStage OWNER_1 = fake();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) throws IOException {
        String spool = Files.createTempDirectory("feedback-spool").toString();
        registry.add("edge.spool.dir", () -> spool);
        registry.add("edge.data-shard.owners", () -> OWNER_0.uri() + "," + OWNER_1.uri());
        registry.add("edge.data-shard.shard-count", () -> "4");
    }

    @AfterAll
    static void stop() {
        OWNER_0.close();
        OWNER_1.close();
    }

    @Test
    void feedbackGoesToTheOwnerOfTheDeviceItNames() {
        for (String device : new String[] {"press-1", "press-2", "press-3", "press-4"}) {
            FakeStage owner = ShardFunction.ownerOf(ShardFunction.shardOf(device, 4), 2) == 0 ? OWNER_0 : OWNER_1;
            FakeStage other = owner == OWNER_0 ? OWNER_1 : OWNER_0;
            String predictionId = device + "@2026-01-01T00:00:00Z/m/1";
            client.post().uri("/api/v1/feedback")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"predictionId\":\"" + predictionId + "\",\"deviceId\":\"" + device
                            + "\",\"correct\":true,\"by\":\"op\"}")
                    .exchange()
                    .expectStatus().isOk();
            assertThat(owner.requests).anyMatch(r -> r.path("predictionId").asString().equals(predictionId));
            assertThat(other.requests).noneMatch(r -> r.path("predictionId").asString().equals(predictionId));
        }
        assertThat(OWNER_0.tokens).allMatch("internal-secret"::equals);
        assertThat(OWNER_1.tokens).allMatch("internal-secret"::equals);
    }

    private static FakeStage fake() {
        try {
            return FakeStage.onFreePort(body -> new FakeStage.Answer(200, "{}"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.edgeai.gateway.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ShardFunction;
import io.edgeai.gateway.client.DataShardWriter;
import io.edgeai.gateway.client.DownstreamClientConfiguration;
import io.edgeai.gateway.client.NoteShardClient;
import io.edgeai.gateway.client.ReplicaBalancer;
import io.edgeai.gateway.client.ShardRouter;
import io.edgeai.gateway.client.TextModelClient;
import io.edgeai.gateway.config.DataShardProperties;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.NotesProperties;
import io.edgeai.gateway.config.ReplicaProperties;
import io.edgeai.gateway.config.Role;
import io.edgeai.gateway.config.SecurityProperties;
import io.edgeai.gateway.config.SpoolProperties;
import io.edgeai.gateway.security.ApiKey;
import io.edgeai.gateway.security.ApiKeyAuthenticationFilter;
import io.edgeai.gateway.spool.BatchMerger;
import io.edgeai.gateway.spool.Spool;
import io.edgeai.gateway.web.GatewayErrorAdvice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.JsonNode;

/**
 * Notes through the gateway against stand-ins of the encoder, the classifier and two data-shard owners: a note is
 * embedded, classified when a classifier is served, stored at its device's owner, and answered with the fleet's
 * similar notes; search finds by meaning; a missing encoder, a dead data-shard and bad input get their answers.
 */
@WebFluxTest(controllers = NoteController.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebFilter.class))
@Import({NoteRecorder.class, NoteSearch.class, TextModelClient.class, ReplicaBalancer.class, NoteShardClient.class,
        ShardRouter.class,
        DownstreamClientConfiguration.class, Spool.class, DataShardWriter.class, BatchMerger.class,
        SimpleMeterRegistry.class, GatewayErrorAdvice.class})
@EnableConfigurationProperties({DownstreamProperties.class, DataShardProperties.class, SecurityProperties.class,
        SpoolProperties.class, NotesProperties.class, ReplicaProperties.class})
class NoteControllerTest {

    static final FakeTextModels MODELS = start(FakeTextModels::new);
    static final FakeNoteShard OWNER_0 = start(FakeNoteShard::new);
    static final FakeNoteShard OWNER_1 = start(FakeNoteShard::new);

    @Autowired
    WebTestClient client;

    /** What the API-key filter leaves on the exchange: here every caller is the operator "olga". */
    @TestConfiguration
    static class Caller {
        @Bean
        WebFilter caller() {
            return (exchange, chain) -> {
                exchange.getAttributes().put(ApiKeyAuthenticationFilter.CALLER, new ApiKey("olga", Role.OPERATOR));
                return chain.filter(exchange);
            };
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        String spool = Files.createTempDirectory("notes-spool").toString();
        registry.add("edge.spool.dir", () -> spool);
        registry.add("edge.services.inference.uri", MODELS::uri);
        // Two inference replicas, one of them dead (refuses connections): every text-model call still gets its
        // answer, from the live one.
        registry.add("edge.replicas.uris.inference", () -> "http://localhost:1," + MODELS.uri());
        registry.add("edge.data-shard.owners", () -> OWNER_0.uri() + "," + OWNER_1.uri());
        registry.add("edge.data-shard.shard-count", () -> "4");
        registry.add("edge.notes.timeout", () -> "3s");
    }

    @AfterAll
    static void stop() {
        MODELS.close();
        OWNER_0.close();
        OWNER_1.close();
    }

    @BeforeEach
    void servedModels() {
        MODELS.encoderServed = true;
        MODELS.classifierServed = false;
    }

    static FakeNoteShard ownerOf(String device) {
        return ShardFunction.ownerOf(ShardFunction.shardOf(device, 4), 2) == 0 ? OWNER_0 : OWNER_1;
    }

    /** Two devices owned by different instances. */
    static List<String> devicesOnBothOwners() {
        String first = "press-1";
        for (int i = 2; i < 100; i++) {
            if (ownerOf("press-" + i) != ownerOf(first)) {
                return List.of(first, "press-" + i);
            }
        }
        throw new IllegalStateException();
    }

    private WebTestClient.ResponseSpec post(String device, String body) {
        return client.post().uri("/api/v1/devices/{d}/notes", device).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private JsonNode postOk(String device, String body) {
        byte[] answer = post(device, body).expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return FakeStageJson.read(answer);
    }

    @Test
    void aNoteIsEmbeddedStoredAtItsOwnerAndAnsweredWithTheFleetsSimilarNotes() {
        List<String> devices = devicesOnBothOwners();
        postOk(devices.get(1), "{\"id\":\"n-smoke\",\"text\":\"pump smoking up\",\"action\":\"replaced bearing\"}");
        postOk(devices.get(1), "{\"id\":\"n-door\",\"text\":\"door badge reader broken\"}");

        JsonNode answer = postOk(devices.get(0), "{\"id\":\"n-new\",\"text\":\"fumes coming off the pump\"}");

        assertThat(answer.at("/note/noteId").asString()).isEqualTo("n-new");
        assertThat(answer.at("/note/author").asString()).isEqualTo("olga");
        assertThat(answer.at("/note/embeddingModel").asString()).isEqualTo(FakeTextModels.ENCODER);
        assertThat(answer.at("/similar/0/note/noteId").asString()).as("the paraphrase, from the other owner")
                .isEqualTo("n-smoke");
        assertThat(answer.at("/similar/0/note/action").asString()).isEqualTo("replaced bearing");
        assertThat(answer.at("/similar/0/score").asDouble()).isGreaterThan(answer.at("/similar/1/score").asDouble());
        assertThat(answer.path("similar").findValuesAsString("noteId")).doesNotContain("n-new");
        assertThat(ownerOf(devices.get(0)).notes).containsKey("n-new");
        assertThat(ownerOf(devices.get(1)).notes).doesNotContainKey("n-new");
        assertThat(ownerOf(devices.get(0)).vectors.get("n-new")).hasSize(384);
        assertThat(answer.path("notices").isEmpty()).isTrue();
    }

    @Test
    void aServedClassifierSuggestsAFailureModeAndARetryAnswersOk() {
        MODELS.classifierServed = true;
        JsonNode answer = postOk("press-7", "{\"id\":\"n-heat\",\"text\":\"motor burning smell\"}");
        assertThat(answer.at("/note/suggestion/failureMode").asString()).isEqualTo("HDF");
        assertThat(answer.at("/note/suggestion/probability").asDouble()).isEqualTo(0.9, org.assertj.core.data.Offset
                .offset(1e-6));
        assertThat(answer.at("/note/suggestion/model").asString()).isEqualTo(FakeTextModels.CLASSIFIER);
        post("press-7", "{\"id\":\"n-heat\",\"text\":\"motor burning smell\"}").expectStatus().isOk();
    }

    @Test
    void aLongNoteIsStoredWholeAndTheAnswerSaysOnlyItsBeginningWasEmbedded() {
        String text = "the pump was smoking up again. " + "we checked every valve along the line. ".repeat(20);
        JsonNode answer = postOk("press-12", "{\"id\":\"n-long\",\"text\":\"" + text + "\"}");
        assertThat(answer.at("/note/text").asString()).isEqualTo(text);
        assertThat(answer.path("notices").get(0).asString()).contains("only its beginning");
    }

    @Test
    void withoutAnEncoderANoteIsStoredUnsearchableAndSearchIs503() {
        MODELS.encoderServed = false;
        JsonNode answer = postOk("press-9", "{\"id\":\"n-noenc\",\"text\":\"runs for a while and trips\"}");
        assertThat(answer.at("/note/embeddingModel").isMissingNode() || answer.at("/note/embeddingModel").isNull())
                .isTrue();
        assertThat(answer.path("similar").isEmpty()).isTrue();
        assertThat(answer.path("notices").get(0).asString()).contains("not be found by search");
        assertThat(ownerOf("press-9").notes).containsKey("n-noenc");
        assertThat(ownerOf("press-9").vectors).doesNotContainKey("n-noenc");

        client.get().uri("/api/v1/notes/search?q=trips").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.service").isEqualTo("inference");
    }

    @Test
    void searchFindsByMeaningAcrossTheFleet() {
        List<String> devices = devicesOnBothOwners();
        postOk(devices.get(0), "{\"id\":\"s-slurry\",\"text\":\"spraying out slurry\"}");
        postOk(devices.get(1), "{\"id\":\"s-trip\",\"text\":\"it tripped again\"}");
        byte[] body = client.get().uri("/api/v1/notes/search?q=slurry leak&k=1").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode answer = FakeStageJson.read(body);
        assertThat(answer.path("items")).hasSize(1);
        assertThat(answer.at("/items/0/note/noteId").asString()).isEqualTo("s-slurry");
        assertThat(answer.path("model").asString()).isEqualTo(FakeTextModels.ENCODER);
    }

    @Test
    void aDevicesNotesAreReadFromItsOwner() {
        postOk("press-11", "{\"id\":\"l-1\",\"text\":\"belt loose\"}");
        client.get().uri("/api/v1/devices/press-11/notes").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].noteId").isEqualTo("l-1");
    }

    @Test
    void badNotesAreRefusedNamingTheFieldAndNothingIsStored() {
        int before = OWNER_0.notes.size() + OWNER_1.notes.size();
        Map<String, String> cases = Map.of(
                "{\"text\":\"\"}", "text",
                "{\"text\":\"" + "x".repeat(4001) + "\"}", "text",
                "{\"text\":42}", "text",
                "{}", "text",
                "{\"text\":\"ok\",\"alertId\":\"a/b\"}", "alertId",
                "{\"text\":\"ok\",\"action\":\"bell\\u0007\"}", "action",
                "{\"text\":\"ok\",\"id\":\"no spaces\"}", "id");
        cases.forEach((body, field) -> post("press-1", body).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
        post("bad device!", "{\"text\":\"ok\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deviceId");
        post("press-1", "not json").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        post("press-1", "{\"text\":\"ok\",\"alertId\":\"missing-1\"}").expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("alertId");
        assertThat(OWNER_0.notes.size() + OWNER_1.notes.size()).isEqualTo(before);

        client.get().uri("/api/v1/notes/search").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        client.get().uri("/api/v1/notes/search?q=x&k=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("k");
        client.get().uri("/api/v1/notes/search?q=x&k=many").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("k");
    }

    @Test
    void aDeadDataShardIs503AndTheNoteIsNotClaimedStored() throws IOException {
        FakeNoteShard owner = ownerOf("press-1");
        owner.server.stop();
        try {
            post("press-1", "{\"text\":\"pump smoking\"}").expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.service").isEqualTo("data-shard");
        } finally {
            owner.server.start();
        }
    }

    interface Starter<T> {
        T start() throws IOException;
    }

    static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an answer body. */
    static final class FakeStageJson {
        static JsonNode read(byte[] body) {
            return io.edgeai.gateway.FakeStage.JSON.readTree(body);
        }
    }
}

package io.edgeai.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.hub.ModelWeights;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hub over real HTTP and a real H2 file: keys, exactly-once aggregates, the model repository, a federated round. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HubApiTest {

    static final String ADMIN = "hub-admin-key-for-tests";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.hub.data-dir", () -> data.toString());
        registry.add("edge.hub.admin-key-sha256",
                () -> ModelWeights.sha256(ADMIN.getBytes(StandardCharsets.UTF_8)));
    }

    record Answer(int status, JsonNode body) {
    }

    Answer send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    String register(String site) throws Exception {
        Answer a = send("POST", "/api/v1/sites", ADMIN, "{\"site\":\"" + site + "\"}");
        assertThat(a.status).as(a.body.toString()).isEqualTo(201);
        return a.body.path("key").asString();
    }

    static final String OUTBOX = "7c1e4a52-0d7e-4f55-9a43-1f0b2b6f9c11";

    static String aggregate(long seq, String device, LocalDate day, long readings) {
        return aggregate(OUTBOX, seq, device, day, readings);
    }

    static String aggregate(String outbox, long seq, String device, LocalDate day, long readings) {
        return "{\"outbox\":\"" + outbox + "\",\"seq\":" + seq + ",\"aggregate\":{\"deviceId\":\"" + device + "\",\"day\":\"" + day
                + "\",\"readings\":" + readings + ",\"sensors\":{\"torque\":{\"count\":" + readings
                + ",\"min\":10,\"mean\":40,\"max\":70}},\"alertsRaised\":1,\"alertsCleared\":0,"
                + "\"modelVersions\":{\"ai4i-failure/1\":" + readings + "},\"feedback\":2,\"feedbackWrong\":1}}";
    }

    @Test
    void aSitesItemsAreAppliedOnceInOrderAndBadOnesAreRefusedWithoutEffect() throws Exception {
        String key = register("plant-a");
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Answer first = send("POST", "/api/v1/aggregates", key, aggregate(1, "mill-01", yesterday, 100));
        assertThat(first.status).as(first.body.toString()).isEqualTo(200);
        assertThat(first.body.path("applied").asBoolean()).isTrue();
        // a resend of item 1 (the answer was lost on the way back) is acknowledged and not applied again
        Answer again = send("POST", "/api/v1/aggregates", key, aggregate(1, "mill-01", yesterday, 999));
        assertThat(again.status).isEqualTo(200);
        assertThat(again.body.path("duplicate").asBoolean()).isTrue();
        // an aggregate of a day that has not begun is refused, naming the field, and changes nothing
        Answer future = send("POST", "/api/v1/aggregates", key,
                aggregate(2, "mill-01", LocalDate.now(ZoneOffset.UTC).plusDays(3), 5));
        assertThat(future.status).isEqualTo(422);
        assertThat(future.body.path("errors").path(0).path("field").asString()).isEqualTo("aggregate.day");
        assertThat(future.body.path("errors").path(0).path("message").asString()).contains("future");
        Answer noOutbox = send("POST", "/api/v1/aggregates", key, aggregate(2, "mill-01", yesterday, 5)
                .replace("\"outbox\":\"" + OUTBOX + "\",", ""));
        assertThat(noOutbox.status).isEqualTo(422);
        assertThat(noOutbox.body.path("errors").path(0).path("field").asString()).isEqualTo("outbox");

        Answer stored = send("GET", "/api/v1/aggregates?site=plant-a", ADMIN, null);
        assertThat(stored.body).hasSize(1);
        assertThat(stored.body.path(0).path("aggregate").path("readings").asLong()).isEqualTo(100);
        JsonNode site = fleetSite("plant-a");
        assertThat(site.path("applied").asLong()).isEqualTo(1);
        assertThat(site.path("duplicates").asLong()).isEqualTo(1);
        assertThat(site.path("refused").asLong()).isEqualTo(2);
        assertThat(site.path("readings").asLong()).isEqualTo(100);

        // the site's outbox folder was wiped: a new outbox starts at 1 again and its items are new, not resends
        String wiped = "0b8d2f36-9a51-4c0e-8e6f-5d2f7a9c3e40";
        Answer fresh = send("POST", "/api/v1/aggregates", key, aggregate(wiped, 1, "mill-01", yesterday, 120));
        assertThat(fresh.body.path("applied").asBoolean()).as(fresh.body.toString()).isTrue();
        assertThat(send("POST", "/api/v1/aggregates", key, aggregate(wiped, 1, "mill-01", yesterday, 120)).body
                .path("duplicate").asBoolean()).isTrue();
        assertThat(send("POST", "/api/v1/aggregates", key, aggregate(wiped, 2, "mill-02", yesterday, 8)).body
                .path("applied").asBoolean()).isTrue();
        JsonNode afterWipe = fleetSite("plant-a");
        assertThat(afterWipe.path("applied").asLong()).isEqualTo(3);
        assertThat(afterWipe.path("outboxes").asLong()).isEqualTo(2);
        assertThat(afterWipe.path("outbox").asString()).isEqualTo(wiped);
        assertThat(afterWipe.path("readings").asLong()).as("the newest summary of each device-day").isEqualTo(128);

        // a revoked key is refused with 403 naming the revocation; nothing is applied
        assertThat(send("POST", "/api/v1/sites/plant-a/revoke", ADMIN, null).status).isEqualTo(200);
        Answer revoked = send("POST", "/api/v1/aggregates", key, aggregate(2, "mill-01", yesterday, 7));
        assertThat(revoked.status).isEqualTo(403);
        assertThat(revoked.body.path("detail").asString()).contains("revoked");
        assertThat(fleetSite("plant-a").path("applied").asLong()).isEqualTo(3);
        // unknown key, no key, a site asking for admin things
        assertThat(send("POST", "/api/v1/aggregates", "nope", aggregate(1, "m", yesterday, 1)).status).isEqualTo(401);
        assertThat(send("GET", "/api/v1/fleet", null, null).status).isEqualTo(401);
        assertThat(send("GET", "/api/v1/fleet", register("plant-z"), null).status).isEqualTo(403);
    }

    JsonNode fleetSite(String site) throws Exception {
        for (JsonNode s : send("GET", "/api/v1/fleet", ADMIN, null).body.path("sites")) {
            if (s.path("site").asString().equals(site)) {
                return s;
            }
        }
        throw new AssertionError("no site " + site);
    }

    static ModelWeights weights(float value) {
        return new ModelWeights(List.of(new ModelWeights.Tensor("w", new long[] {2}, new float[] {value, 2 * value})));
    }

    static String pkg(ModelWeights w, String sha, long rows) {
        return "{\"model\":\"ai4i-failure\",\"config\":{\"architecture\":{\"type\":\"mlp\",\"input_size\":2},"
                + "\"feature_spec\":{\"x\":1},\"labels\":[\"a\"]},\"weights\":\""
                + Base64.getEncoder().encodeToString(w.encode()) + "\",\"sha256\":\"" + sha + "\",\"rows\":" + rows
                + ",\"source\":\"ai4i-failure/2\"}";
    }

    @Test
    void modelsAreCheckedStoredPulledAndAveragedByRows() throws Exception {
        String a = register("site-a");
        String b = register("site-b");
        ModelWeights wa = weights(1);
        ModelWeights wb = weights(4);
        Answer bad = send("POST", "/api/v1/models/ai4i-failure/versions", a,
                pkg(wa, ModelWeights.sha256(wb.encode()), 100));
        assertThat(bad.status).isEqualTo(422);
        assertThat(bad.body.path("errors").path(0).path("field").asString()).isEqualTo("sha256");
        assertThat(send("GET", "/api/v1/models/ai4i-failure/versions", a, null).body).isEmpty();

        Answer one = send("POST", "/api/v1/models/ai4i-failure/versions", a,
                pkg(wa, ModelWeights.sha256(wa.encode()), 100));
        assertThat(one.status).as(one.body.toString()).isEqualTo(201);
        Answer two = send("POST", "/api/v1/models/ai4i-failure/versions", b,
                pkg(wb, ModelWeights.sha256(wb.encode()), 300));
        assertThat(two.body.path("version").asLong()).isEqualTo(2);

        Answer pulled = send("GET", "/api/v1/models/ai4i-failure/versions/1", b, null);
        byte[] bytes = Base64.getDecoder().decode(pulled.body.path("weights").asString());
        assertThat(ModelWeights.sha256(bytes)).isEqualTo(pulled.body.path("sha256").asString());

        assertThat(send("POST", "/api/v1/models/ai4i-failure/federated", a, null).status).isEqualTo(403);
        Answer round = send("POST", "/api/v1/models/ai4i-failure/federated", ADMIN, null);
        assertThat(round.status).as(round.body.toString()).isEqualTo(201);
        assertThat(round.body.path("kind").asString()).isEqualTo("FEDERATED");
        assertThat(round.body.path("evaluation").path("federated").path("contributors")).hasSize(2);
        Answer averaged = send("GET", "/api/v1/models/ai4i-failure/versions/" + round.body.path("version").asLong(),
                a, null);
        ModelWeights w = ModelWeights.decode(Base64.getDecoder().decode(averaged.body.path("weights").asString()));
        // (100 * 1 + 300 * 4) / 400 = 3.25
        assertThat(w.tensors().get(0).values()).containsExactly(3.25f, 6.5f);
    }
}

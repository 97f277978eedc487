package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many sites, one fleet, on one box: a hub (its own process and data folder) and two sites started by
 * {@code ./edge up} (separate processes and data folders). Site A ingests while the hub is down, then the hub comes
 * back and has A's daily summaries exactly once; A's fine-tuned version travels through the hub to site B and is
 * promoted there only when it beats B's served version on B's held-out rows; a federated round of both sites'
 * versions is gated by each site with the reason in its answer; bad input (a checksum that does not match, a revoked
 * key, a day in the future) is refused with problem+json and changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubFleetIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    static final String MODEL = "ai4i-failure";
    static final String HUB_ADMIN = "hub-admin-" + System.nanoTime();
    static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    static final List<String> A_DEVICES = List.of("a-hot-1", "a-hot-2", "a-hot-3", "a-hot-4");
    static final List<String> B_DEVICES = List.of("b-hot-1", "b-hot-2", "b-hot-3", "b-hot-4");
    static final int PER_DEVICE = 60;

    static Path repo;
    static Path hubHome;
    static int hubPort;
    static Process hub;
    static EdgeLauncher siteA;
    static EdgeLauncher siteB;
    static String keyA;
    static String keyB;
    /** The version site B serves after importing site A's. */
    static long servedAtB;

    record Response(int status, JsonNode body) {
    }

    @BeforeAll
    static void up() throws Exception {
        repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        Path root = Files.createTempDirectory("edge-fleet");
        hubHome = root.resolve("hub");
        try (ServerSocket s = new ServerSocket(0)) {
            hubPort = s.getLocalPort();
        }
        startHub();
        keyA = register("site-a");
        keyB = register("site-b");
        // site A (and B) start while the hub is down: A's readings are summarised into its outbox while offline.
        // Both suites start at once (their ports are all picked before either binds one): on a shared box the
        // wall time of two starts in a row is what made this test slow.
        stopHub();
        siteA = site(root.resolve("site-a"), keyA);
        siteB = site(root.resolve("site-b"), keyB);
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> start(siteB));
        start(siteA);
        b.join();
    }

    static String start(EdgeLauncher site) {
        try {
            return site.run("up", Duration.ofMinutes(10));
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static EdgeLauncher site(Path home, String key) throws IOException {
        Files.createDirectories(home);
        return new EdgeLauncher(repo, home)
                .env("EDGE_HUB_URI", "http://localhost:" + hubPort)
                .env("EDGE_HUB_SITE_KEY", key)
                .env("EDGE_UPLINK_PUSH_INTERVAL", "500ms")
                .env("EDGE_UPLINK_AGGREGATE_INTERVAL", "1h")
                // the test summarises with POST /api/v1/uplink/collect: a timed run 5 s after start would catch
                // site A in the middle of its ingest (a partial summary, then the full one: 5 queued, not 4)
                .env("EDGE_UPLINK_FIRST_COLLECT", "1h")
                .env("EDGE_INFERENCE_HEAP", "512m")
                .env("EDGE_DATA_SHARD_HEAP", "256m")
                // ten service JVMs and a hub on two shared cores: C1 only starts them about twice as fast, and this
                // test measures behaviour, not throughput
                .env("EDGE_JIT_LEVEL", "1")
                .env("EDGE_READY_TIMEOUT", "540");
    }

    @AfterAll
    static void down() throws Exception {
        // every site is stopped even when stopping another one failed
        try {
            for (EdgeLauncher site : new EdgeLauncher[] {siteA, siteB}) {
                if (site != null) {
                    try {
                        site.run("down", Duration.ofMinutes(3));
                    } catch (Exception e) {
                        System.err.println("HubFleetIT: " + e.getMessage());
                    }
                }
            }
        } finally {
            stopHub();
        }
    }

    // ------------------------------------------------------------------ 1. offline, then exactly once

    @Test
    @Order(1)
    void siteAIngestsWhileTheHubIsDownAndTheHubThenHasItsSummariesExactlyOnce() throws Exception {
        ingestWithFeedback(siteA, A_DEVICES, 7);
        Response collected = send(siteA.gateway(), "POST", "/api/v1/uplink/collect", siteA.demoKey("admin"), "");
        assertThat(collected.status).as(collected.body.toString()).isEqualTo(200);
        assertThat(collected.body.path("queued").asInt()).isEqualTo(A_DEVICES.size());
        Response offline = awaitLink(siteA, "OFFLINE");
        assertThat(offline.body.path("queued").asInt()).isEqualTo(A_DEVICES.size());

        startHub();
        Response back = awaitLink(siteA, "CONNECTED");
        await().atMost(Duration.ofSeconds(60)).until(() -> link(siteA).body.path("queued").asInt() == 0);
        assertThat(back.body.path("lastSync").isNull()).isFalse();

        Response stored = send(hubUri(), "GET", "/api/v1/aggregates?site=site-a", HUB_ADMIN, null);
        assertThat(stored.body).as(stored.body.toString()).hasSize(A_DEVICES.size());
        for (JsonNode row : stored.body) {
            JsonNode a = row.path("aggregate");
            assertThat(a.path("day").asString()).isEqualTo(YESTERDAY.toString());
            assertThat(a.path("readings").asLong()).isEqualTo(PER_DEVICE);
            assertThat(a.path("feedback").asLong()).isEqualTo(PER_DEVICE);
            assertThat(a.path("sensors").path("torque").path("max").asDouble())
                    .isGreaterThanOrEqualTo(a.path("sensors").path("torque").path("mean").asDouble());
            assertThat(a.path("modelVersions").path(MODEL + "/1").asLong()).isEqualTo(PER_DEVICE);
        }
        JsonNode fleetA = fleetSite("site-a");
        assertThat(fleetA.path("applied").asLong()).isEqualTo(A_DEVICES.size());
        assertThat(fleetA.path("readings").asLong()).isEqualTo((long) PER_DEVICE * A_DEVICES.size());

        // nothing changed: a second summary run queues nothing; a resend of item 1 is acknowledged, not applied
        assertThat(send(siteA.gateway(), "POST", "/api/v1/uplink/collect", siteA.demoKey("admin"), "").body
                .path("queued").asInt()).isZero();
        String first = JSON.writeValueAsString(stored.body.path(0).path("aggregate"));
        String outboxA = stored.body.path(0).path("outbox").asString();
        Response resend = send(hubUri(), "POST", "/api/v1/aggregates", keyA,
                "{\"outbox\":\"" + outboxA + "\",\"seq\":1,\"aggregate\":" + first + "}");
        assertThat(resend.status).isEqualTo(200);
        assertThat(resend.body.path("duplicate").asBoolean()).isTrue();
        assertThat(fleetSite("site-a").path("applied").asLong()).isEqualTo(A_DEVICES.size());
        assertThat(fleetSite("site-a").path("readings").asLong()).isEqualTo((long) PER_DEVICE * A_DEVICES.size());
    }

    @Test
    @Order(2)
    void badInputIsRefusedWithProblemJsonAndChangesNothing() throws Exception {
        // one of A's real summaries, dated the day after tomorrow
        JsonNode stored = send(hubUri(), "GET", "/api/v1/aggregates?site=site-a&limit=1", HUB_ADMIN, null).body.path(0);
        String futureDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        String future = "{\"outbox\":\"" + stored.path("outbox").asString() + "\",\"seq\":999,\"aggregate\":"
                + JSON.writeValueAsString(stored.path("aggregate")).replace(YESTERDAY.toString(), futureDay) + "}";
        Response fromTheFuture = send(hubUri(), "POST", "/api/v1/aggregates", keyA, future);
        assertThat(fromTheFuture.status).isEqualTo(422);
        assertThat(fromTheFuture.body.path("errors").path(0).path("field").asString()).isEqualTo("aggregate.day");
        String keyC = register("site-c");
        assertThat(send(hubUri(), "POST", "/api/v1/sites/site-c/revoke", HUB_ADMIN, "").status).isEqualTo(200);
        Response revoked = send(hubUri(), "POST", "/api/v1/aggregates", keyC,
                future.replace(futureDay, YESTERDAY.toString()));
        assertThat(revoked.status).isEqualTo(403);
        assertThat(revoked.body.path("detail").asString()).contains("revoked");
        Response tampered = send(hubUri(), "POST", "/api/v1/models/" + MODEL + "/versions", keyA,
                "{\"model\":\"" + MODEL + "\",\"config\":{\"architecture\":{\"type\":\"mlp\"}},\"weights\":\"RURHVw==\","
                        + "\"sha256\":\"" + "0".repeat(64) + "\",\"rows\":10}");
        assertThat(tampered.status).isEqualTo(422);
        assertThat(tampered.body.path("errors").path(0).path("field").asString()).isEqualTo("sha256");
        assertThat(fleetSite("site-a").path("applied").asLong()).isEqualTo(A_DEVICES.size());
        assertThat(send(hubUri(), "GET", "/api/v1/models/" + MODEL + "/versions", keyA, null).body).isEmpty();
    }

    // ------------------------------------------------------------------ 2. A's version reaches B through the hub

    @Test
    @Order(3)
    void aFineTunedVersionOfSiteAIsPromotedAtSiteBOnlyWhenItBeatsBsOwnOnBsHeldOutRows() throws Exception {
        JsonNode tuned = fineTune(siteA, A_DEVICES);
        assertThat(tuned.path("decision").asString()).as(tuned.toString()).isEqualTo("PROMOTED");
        long versionA = tuned.path("candidateVersion").asLong();
        String adminA = siteA.demoKey("admin");
        Response published = send(siteA.gateway(), "POST", "/api/v1/uplink/models/" + MODEL + "/publish", adminA,
                "{\"version\":" + versionA + "}");
        assertThat(published.status).as(published.body.toString()).isEqualTo(201);
        long hubVersion = published.body.path("version").asLong();
        assertThat(published.body.path("sha256").asString()).hasSize(64);

        ingestWithFeedback(siteB, B_DEVICES, 11);
        String adminB = siteB.demoKey("admin");
        Response listed = send(siteB.gateway(), "GET", "/api/v1/uplink/models/" + MODEL, adminB, null);
        assertThat(listed.body.toString()).contains("site-a");
        Response pulled = pull(siteB, hubVersion);
        JsonNode outcome = pulled.body;
        assertThat(outcome.path("decision").asString()).as(outcome.toString()).isEqualTo("PROMOTED");
        assertThat(outcome.path("candidate").path("f1").asDouble())
                .isGreaterThan(outcome.path("current").path("f1").asDouble());
        assertThat(outcome.path("reason").asString()).contains("beats version 1", "held-out rows");
        assertThat(outcome.path("previousVersion").asLong()).isEqualTo(1);
        servedAtB = outcome.path("version").asLong();
        assertThat(send(siteB.gateway(), "GET", "/v2/models/" + MODEL + "/config", adminB, null).body
                .path("evaluation").path("site_gate").path("decision").asString()).contains("beats");

        // the same version again does not beat what B now serves: refused, B keeps serving its version
        Response again = pull(siteB, hubVersion);
        assertThat(again.body.path("decision").asString()).as(again.body.toString()).isEqualTo("REFUSED");
        assertThat(again.body.path("reason").asString()).contains("does not beat version " + servedAtB);
        // rollback to the version B served before, and forward again
        assertThat(send(siteB.gateway(), "POST", "/v2/models/" + MODEL + "/versions/1/promote", adminB, "").status)
                .isEqualTo(200);
        assertThat(send(siteB.gateway(), "POST", "/v2/models/" + MODEL + "/versions/" + servedAtB + "/promote",
                adminB, "").status).isEqualTo(200);
    }

    // ------------------------------------------------------------------ 3. a federated round, gated by each site

    @Test
    @Order(4)
    void aFederatedRoundIsGatedByEachSiteWithTheReason() throws Exception {
        // B fine-tunes on its own feedback (from the version it imported); what it serves then is its version
        JsonNode tunedB = fineTune(siteB, B_DEVICES);
        long servedB = "PROMOTED".equals(tunedB.path("decision").asString())
                ? tunedB.path("candidateVersion").asLong() : servedAtB;
        String adminB = siteB.demoKey("admin");
        Response publishedB = send(siteB.gateway(), "POST", "/api/v1/uplink/models/" + MODEL + "/publish", adminB,
                "{\"version\":" + servedB + "}");
        assertThat(publishedB.status).as(publishedB.body.toString()).isEqualTo(201);

        Response round = send(hubUri(), "POST", "/api/v1/models/" + MODEL + "/federated", HUB_ADMIN, "");
        assertThat(round.status).as(round.body.toString()).isEqualTo(201);
        assertThat(round.body.path("kind").asString()).isEqualTo("FEDERATED");
        JsonNode contributors = round.body.path("evaluation").path("federated").path("contributors");
        assertThat(contributors).hasSize(2);
        assertThat(contributors.toString()).contains("site-a", "site-b");
        long federated = round.body.path("version").asLong();

        for (EdgeLauncher site : List.of(siteA, siteB)) {
            JsonNode outcome = pull(site, federated).body;
            assertThat(outcome.path("decision").asString()).as(outcome.toString()).isIn("PROMOTED", "REFUSED");
            assertThat(outcome.path("reason").asString()).contains("held-out rows");
            boolean beats = outcome.path("candidate").path("f1").asDouble() > outcome.path("current").path("f1")
                    .asDouble();
            assertThat(outcome.path("decision").asString()).as(outcome.toString())
                    .isEqualTo(beats ? "PROMOTED" : "REFUSED");
        }
    }

    @Test
    @Order(5)
    void theDashboardShowsTheLinkAndTheHubHasAFleetPage() throws Exception {
        Response link = link(siteB);
        assertThat(link.body.path("state").asString()).isEqualTo("CONNECTED");
        assertThat(link.body.path("configured").asBoolean()).isTrue();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(hubUri() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("fleet", "/api/v1/fleet");
        JsonNode fleet = send(hubUri(), "GET", "/api/v1/fleet", HUB_ADMIN, null).body;
        assertThat(fleet.path("sites").toString()).contains("site-a", "site-b", "site-c");
        assertThat(fleet.path("models").size()).isGreaterThanOrEqualTo(3);
        HttpResponse<String> dashboard = HTTP.send(HttpRequest.newBuilder(URI.create(siteA.gateway()
                + "/dashboard/uplink.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.body()).contains("/api/v1/uplink");
    }

    // ------------------------------------------------------------------ helpers

    /** Hot machines' readings of yesterday through the pipeline, with an operator's verdict on every one. */
    static void ingestWithFeedback(EdgeLauncher site, List<String> devices, long seed) throws Exception {
        String operator = site.demoKey("operator");
        List<FineTuneIT.HotReading> data = FineTuneIT.hotReadings(PER_DEVICE * devices.size(), seed);
        Instant start = YESTERDAY.atTime(8, 0).toInstant(ZoneOffset.UTC);
        for (int d = 0; d < devices.size(); d++) {
            List<FineTuneIT.HotReading> batch = data.subList(d * PER_DEVICE, (d + 1) * PER_DEVICE);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                bodies.add(batch.get(i).json(start.plusSeconds(60L * i).toString()));
            }
            Response ingested = send(site.gateway(), "POST", "/api/v1/devices/" + devices.get(d) + "/readings",
                    operator, "{\"readings\":[" + String.join(",", bodies) + "]}");
            assertThat(ingested.status).as(ingested.body.toString()).isEqualTo(200);
            for (int i = 0; i < batch.size(); i++) {
                boolean truth = batch.get(i).fails();
                String predictionId = ingested.body.path("results").path(i).path("predictionId").asString();
                // the feedback's own id makes a retry after a lost answer store it once
                String body = "{\"id\":\"fb-" + devices.get(d) + "-" + i + "\",\"predictionId\":\"" + predictionId
                        + "\",\"deviceId\":\"" + devices.get(d) + "\",\"correct\":false,"
                        + "\"actualFailureMode\":\"" + (truth ? "HDF" : "none") + "\",\"by\":\"olga\"}";
                Response[] stored = new Response[1];
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    stored[0] = send(site.gateway(), "POST", "/api/v1/feedback", operator, body);
                    // 404: the reading is still in the spool; 503: data-shard did not answer in time (busy box)
                    return stored[0].status != 404 && stored[0].status != 503;
                });
                assertThat(stored[0].status).as(stored[0].body.toString()).isIn(200, 201);
            }
        }
    }

    static JsonNode fineTune(EdgeLauncher site, List<String> devices) throws Exception {
        String admin = site.demoKey("admin");
        Response started = send(site.gateway(), "POST", "/v2/models/" + MODEL + "/finetune", admin,
                "{\"devices\":" + JSON.writeValueAsString(devices) + ",\"epochs\":30,\"learningRate\":0.01,\"seed\":42,"
                        // the hub exchanges MLP weights (and averages them): a trees version could not be published
                        + "\"family\":\"mlp\"}");
        assertThat(started.status).as(started.body.toString()).isEqualTo(202);
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            job[0] = send(site.gateway(), "GET", "/v2/models/" + MODEL + "/finetune/"
                    + started.body.path("id").asString(), admin, null).body;
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(job[0].path("state").asString());
        });
        assertThat(job[0].path("state").asString()).as(job[0].toString()).isEqualTo("COMPLETED");
        return job[0].path("outcome");
    }

    static Response pull(EdgeLauncher site, long hubVersion) throws Exception {
        Response pulled = send(site.gateway(), "POST", "/api/v1/uplink/models/" + MODEL + "/pull",
                site.demoKey("admin"), "{\"version\":" + hubVersion + "}");
        assertThat(pulled.status).as(pulled.body.toString()).isEqualTo(200);
        return pulled;
    }

    static Response link(EdgeLauncher site) throws Exception {
        return send(site.gateway(), "GET", "/api/v1/uplink", site.demoKey("viewer"), null);
    }

    static Response awaitLink(EdgeLauncher site, String state) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = link(site);
            return state.equals(last[0].body.path("state").asString());
        });
        return last[0];
    }

    static JsonNode fleetSite(String site) throws Exception {
        for (JsonNode s : send(hubUri(), "GET", "/api/v1/fleet", HUB_ADMIN, null).body.path("sites")) {
            if (s.path("site").asString().equals(site)) {
                return s;
            }
        }
        throw new AssertionError("the hub has no site " + site);
    }

    static String register(String site) throws Exception {
        Response r = send(hubUri(), "POST", "/api/v1/sites", HUB_ADMIN, "{\"site\":\"" + site + "\"}");
        assertThat(r.status).as(r.body.toString()).isEqualTo(201);
        return r.body.path("key").asString();
    }

    static String hubUri() {
        return "http://localhost:" + hubPort;
    }

    /** The hub as its own process on its own data folder, as the jar is run in production. */
    static void startHub() throws Exception {
        Path jar;
        try (var files = Files.list(repo.resolve("hub-service/target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("hub-service-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst().orElseThrow(
                            () -> new IllegalStateException("build hub-service first (./mvnw package -DskipTests)"));
        }
        Files.createDirectories(hubHome);
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx192m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.port=" + hubPort).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hubHome.resolve("hub.log").toFile()));
        pb.environment().put("EDGE_HUB_DATA_DIR", hubHome.resolve("data").toString());
        pb.environment().put("EDGE_HUB_ADMIN_KEY_SHA256", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(HUB_ADMIN.getBytes(StandardCharsets.UTF_8))));
        hub = pb.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
            assertThat(hub.isAlive()).as("hub exited; see " + hubHome.resolve("hub.log")).isTrue();
            return HTTP.send(HttpRequest.newBuilder(URI.create(hubUri() + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    static void stopHub() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    static Response send(String base, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Response(response.statusCode(), text == null || text.isBlank() ? JSON.createObjectNode()
                : JSON.readTree(text));
    }
}

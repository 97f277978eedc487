package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remaining useful life through the gateway of the suite {@code ./edge up} starts: a run-to-failure CSV made here
 * trains a RUL model with no code; one engine's readings, sent in order, get a RUL that falls towards its failure,
 * the {@code rul_low} alert is raised near the end and stored, and data-shard keeps each prediction's RUL; a CSV
 * with a negative RUL is a 400 naming its row and column.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String MODEL = "engines-rul";
    static final String DEVICE = "engine-e2e";
    static final String MAPPING = """
            {"features": [{"column": "t_exhaust"}, {"column": "p_chamber"}, {"column": "vibration"},
                          {"column": "fan_speed"}],
             "label": {"column": "rul", "kind": "rul", "unit": "cycles", "cap": 125, "alertBelow": 30},
             "group": "engine", "time": "cycle", "window": {"sizes": [5, 10]}}""";

    static EdgeLauncher edge;
    static String operator;
    static String admin;

    @BeforeAll
    static void up() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-rul"));
        edge.run("up", Duration.ofMinutes(4));
        operator = edge.demoKey("operator");
        admin = edge.demoKey("admin");
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    @Order(1)
    void aRunToFailureCsvTrainsARulModelThatBeatsTheMeanBaseline() throws Exception {
        Response trained = send("POST", "/v2/repository/models/" + MODEL + "/train?mapping="
                + URLEncoder.encode(MAPPING, StandardCharsets.UTF_8), admin, csv(24, 5, 1), "text/csv");

        assertThat(trained.status).as(trained.body.toString()).isEqualTo(201);
        JsonNode config = trained.body.path("config");
        assertThat(config.path("labels").toString()).isEqualTo("[\"rul\",\"rul_lower\",\"rul_upper\"]");
        JsonNode evaluation = config.path("evaluation");
        assertThat(evaluation.path("test").path("rmse").asDouble()).as(evaluation.toString())
                .isLessThan(0.6 * evaluation.path("baseline").path("rmse").asDouble());
        assertThat(config.path("regression").path("alert").path("below").asDouble()).isEqualTo(30);
    }

    @Test
    @Order(2)
    void anEnginesRulFallsTowardsItsFailureAndRaisesTheRulLowAlert() throws Exception {
        String[] rows = csv(1, 99, 160).split("\n");
        Instant start = Instant.now().minus(rows.length, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        List<Double> ruls = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        for (int from = 1; from < rows.length; from += 40) {
            List<Map<String, Object>> readings = new ArrayList<>();
            for (int i = from; i < Math.min(rows.length, from + 40); i++) {
                String[] c = rows[i].split(",");
                Map<String, Object> sensors = new LinkedHashMap<>();
                sensors.put("t_exhaust", Map.of("value", Double.parseDouble(c[2])));
                sensors.put("p_chamber", Map.of("value", Double.parseDouble(c[3])));
                sensors.put("vibration", Map.of("value", Double.parseDouble(c[4])));
                sensors.put("fan_speed", Map.of("value", Double.parseDouble(c[5])));
                readings.add(Map.of("timestamp", start.plusSeconds(i).toString(), "sensors", sensors));
            }
            Response r = send("POST", "/api/v1/devices/" + DEVICE + "/readings?model=" + MODEL, operator,
                    JSON.writeValueAsString(Map.of("readings", readings)), "application/json");
            assertThat(r.status).as(r.body.toString()).isEqualTo(200);
            r.body.path("results").forEach(x -> ruls.add(x.path("probabilities").path("rul").asDouble()));
            r.body.path("alerts").forEach(a -> raised.add(a.path("mode").asString() + ":" + a.path("event")
                    .asString()));
        }
        assertThat(ruls).hasSize(rows.length - 1);
        double early = ruls.subList(10, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double late = ruls.subList(ruls.size() - 10, ruls.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(early).as("RUL early in life %s", ruls).isGreaterThan(90);
        assertThat(late).as("RUL in the last 10 cycles %s", ruls).isLessThan(30);
        assertThat(raised).contains("rul_low:RAISED");

        // stored: the alert with its mode, each prediction's RUL in its own column (data-shard V4)
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response alerts = send("GET", "/api/v1/alerts?deviceId=" + DEVICE, operator, null, null);
            assertThat(alerts.body.toString()).contains("rul_low");
            Response history = send("GET", "/api/v1/devices/" + DEVICE + "/history?size=5", operator, null, null);
            JsonNode p = history.body.path("items").path(0).path("predictions").path(0);
            assertThat(p.path("rul").isNumber()).as(history.body.toString()).isTrue();
            assertThat(p.path("rul").asDouble()).isLessThan(30);
        });
    }

    @Test
    @Order(3)
    void aNegativeRulIsA400NamingItsRowAndColumn() throws Exception {
        String[] lines = csv(6, 3, 1).split("\n");
        lines[7] = lines[7].replaceFirst(",\\d+$", ",-4");
        Response refused = send("POST", "/v2/repository/models/rul-bad/train?mapping="
                + URLEncoder.encode(MAPPING, StandardCharsets.UTF_8), admin, String.join("\n", lines), "text/csv");
        assertThat(refused.status).as(refused.body.toString()).isEqualTo(400);
        assertThat(refused.body.toString()).contains("row 8, column 'rul': -4 is negative");
    }

    /**
     * Engines run from new to failure (lives 120-320 cycles, or {@code life} when above 0); a hidden health index
     * degrades exponentially and shows, under noise, in three sensors; the label is the cycles left.
     */
    static String csv(int engines, long seed, int life) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("engine,cycle,t_exhaust,p_chamber,vibration,fan_speed,rul\n");
        for (int e = 1; e <= engines; e++) {
            int cycles = life > 1 ? life : 120 + r.nextInt(201);
            double rate = 3.5 + r.nextDouble() * 1.5;
            for (int t = 1; t <= cycles; t++) {
                double health = Math.exp(rate * ((double) t / cycles - 1));
                b.append(String.format(Locale.ROOT, "E%03d,%d,%.2f,%.2f,%.4f,%.1f,%d%n", e, t,
                        640 + 9 * health + r.nextGaussian() * 0.5, 1400 + 40 * health + r.nextGaussian() * 3,
                        0.8 + 0.7 * health + r.nextGaussian() * 0.05, 2388 + r.nextGaussian() * 2, cycles - t));
            }
        }
        return b.toString();
    }

    record Response(int status, JsonNode body) {
    }

    static Response send(String method, String path, String key, String body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.gateway() + path))
                .timeout(Duration.ofSeconds(120)).header("X-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (RuntimeException e) {
            json = JSON.createObjectNode().put("raw", response.body());
        }
        return new Response(response.statusCode(), json);
    }
}

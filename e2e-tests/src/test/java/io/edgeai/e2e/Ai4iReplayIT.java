package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the test split of the committed ai4i-failure model (the rows its evaluation report lists) through the
 * whole pipeline, preprocessing -> inference -> postprocessing, and checks that the statuses it answers make exactly
 * the confusion matrix the offline evaluation reported. Needs the AI4I CSV in ../shared; skipped without it.
 */
class Ai4iReplayIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    static Path csv;
    static EdgeLauncher edge;

    @BeforeAll
    static void up() throws Exception {
        csv = Path.of(System.getProperty("edge.shared.dir", "../../shared"), "data", "ai4i2020", "ai4i2020.csv");
        assumeTrue(Files.isRegularFile(csv), "AI4I CSV not found at " + csv + ": replay skipped");
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-replay"));
        edge.run("up", Duration.ofMinutes(4));
    }

    @AfterAll
    static void down() throws Exception {
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    void thePipelineDecidesTheTestSplitExactlyAsTheOfflineEvaluation() throws Exception {
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        JsonNode evaluation = JSON.readTree(repo.resolve("models/ai4i-failure/1/model.json").toFile())
                .path("evaluation");
        List<Integer> testRows = new ArrayList<>();
        evaluation.path("data").path("test_row_numbers").forEach(n -> testRows.add(n.asInt()));
        assertThat(testRows).hasSize(evaluation.path("data").path("test_rows").asInt());

        Map<Integer, String[]> rows = readCsv();
        // One device per row number modulo 40; each device's readings in row order, in batches of up to 100.
        Map<String, List<Integer>> byDevice = new TreeMap<>();
        for (int row : testRows) {
            byDevice.computeIfAbsent("replay-" + (row % 40), d -> new ArrayList<>()).add(row);
        }
        String key = edge.demoKey("operator");
        Map<Integer, String> status = new HashMap<>();
        for (Map.Entry<String, List<Integer>> device : byDevice.entrySet()) {
            List<Integer> all = device.getValue();
            for (int from = 0; from < all.size(); from += 100) {
                List<Integer> chunk = all.subList(from, Math.min(all.size(), from + 100));
                JsonNode answer = post(device.getKey(), chunk, rows, key);
                for (int i = 0; i < chunk.size(); i++) {
                    status.put(chunk.get(i), answer.path("results").path(i).path("status").asString());
                }
            }
        }

        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int row : testRows) {
            boolean predicted = "FAILURE_PREDICTED".equals(status.get(row));
            boolean failed = "1".equals(rows.get(row)[8]);
            if (predicted && failed) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (failed) {
                fn++;
            } else {
                tn++;
            }
        }
        JsonNode offline = evaluation.path("per_class").path("machine_failure").path("confusion_matrix");
        assertThat(new int[] {tp, fp, fn, tn}).as("tp, fp, fn, tn through the pipeline vs the offline report")
                .containsExactly(offline.path("tp").asInt(), offline.path("fp").asInt(), offline.path("fn").asInt(),
                        offline.path("tn").asInt());
    }

    static JsonNode post(String device, List<Integer> chunk, Map<Integer, String[]> rows, String key)
            throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode readings = body.putArray("readings");
        for (int row : chunk) {
            String[] c = rows.get(row);
            ObjectNode reading = readings.addObject();
            reading.put("timestamp", BASE.plusSeconds(row).toString());
            reading.put("machineType", c[2]);
            ObjectNode sensors = reading.putObject("sensors");
            sensors.putObject("air_temperature").put("value", Double.parseDouble(c[3])).put("unit", "K");
            sensors.putObject("process_temperature").put("value", Double.parseDouble(c[4])).put("unit", "K");
            sensors.putObject("rotational_speed").put("value", Double.parseDouble(c[5])).put("unit", "rpm");
            sensors.putObject("torque").put("value", Double.parseDouble(c[6])).put("unit", "Nm");
            sensors.putObject("tool_wear").put("value", Double.parseDouble(c[7])).put("unit", "min");
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(edge.gateway()
                        + "/api/v1/devices/" + device + "/readings"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Row number (1-based, after the header) to cells: UDI, Product ID, Type, air, process, rpm, torque, wear, failure... */
    static Map<Integer, String[]> readCsv() throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Map<Integer, String[]> rows = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.put(i, lines.get(i).split(",", -1));
            }
        }
        return rows;
    }
}

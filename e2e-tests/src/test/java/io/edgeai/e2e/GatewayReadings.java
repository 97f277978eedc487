package io.edgeai.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The readings the durability tests send through the gateway and read back: one AI4I reading per timestamp (the
 * timestamp is the reading's identity), and every stored timestamp of a device, page by page.
 */
final class GatewayReadings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayReadings() {
    }

    /** A one-reading batch for {@code ts}: a normal milling reading whose tool wear follows the clock. */
    static String body(Instant ts) {
        return "{\"readings\":[{\"timestamp\":\"" + ts + "\",\"machineType\":\"M\",\"sensors\":{"
                + "\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},"
                + "\"process_temperature\":{\"value\":308.6,\"unit\":\"K\"},"
                + "\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},"
                + "\"torque\":{\"value\":42.8,\"unit\":\"Nm\"},"
                + "\"tool_wear\":{\"value\":" + (ts.getEpochSecond() % 200) + ",\"unit\":\"min\"}}}]}";
    }

    /** The POST of {@link #body(Instant)} to the device's readings endpoint. */
    static HttpRequest post(String gateway, String device, Instant ts, String key, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/v1/devices/" + device + "/readings"))
                .header("X-API-Key", key).header("Content-Type", "application/json").timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body(ts))).build();
    }

    /** Every timestamp stored for the device, oldest first, duplicates kept; fails unless each page is a 200. */
    static List<Instant> stored(HttpClient http, String gateway, String device, String key, Duration timeout)
            throws Exception {
        List<Instant> timestamps = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/api/v1/devices/" + device + "/history?size=1000&order=asc&page=" + page))
                    .header("X-API-Key", key).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("history of " + device + ": " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            body.path("items").forEach(item -> timestamps.add(Instant.parse(item.path("timestamp").asString())));
            if (!body.path("hasMore").asBoolean()) {
                return timestamps;
            }
        }
    }
}

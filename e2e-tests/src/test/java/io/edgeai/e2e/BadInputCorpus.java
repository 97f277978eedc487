package io.edgeai.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bad-input corpus of the fault suite: several hundred malformed, mistyped, oversized, empty, unicode, path-trick,
 * wrong-content-type and lying-tensor requests over every public endpoint of the gateway, each sent with a key whose
 * role may call the endpoint (so the request reaches the code that parses it). A bad request must be refused with a
 * 4xx: any 5xx (or a dropped connection) is a failed case.
 */
final class BadInputCorpus {

    /** One request of the corpus. {@code role} is the demo key it carries. */
    record Case(String name, String method, String path, String contentType, byte[] body, String role) {
    }

    /** A case's answer: the status (0 when the connection failed) and the first bytes of the body. */
    record Outcome(Case c, int status, String body) {
        boolean failed() {
            return status == 0 || status >= 500;
        }

        /** The JDK client refuses to send some requests at all (a restricted method): not an answer of ours. */
        boolean unsent() {
            return status < 0;
        }
    }

    static final String JSON = "application/json";
    static final String MODEL = "ai4i-failure";

    static final String GOOD_READING = """
            {"timestamp":"2026-01-01T00:00:00Z","machineType":"M","sensors":{
            "air_temperature":{"value":298.1,"unit":"K"},"process_temperature":{"value":308.6,"unit":"K"},
            "rotational_speed":{"value":1551,"unit":"rpm"},"torque":{"value":42.8,"unit":"Nm"},
            "tool_wear":{"value":10,"unit":"min"}}}""";

    /** The JSON endpoints (POST) and the role that may call each. */
    static final List<String[]> JSON_ENDPOINTS = List.of(
            new String[] {"/api/v1/devices/corpus-01/readings", "operator"},
            new String[] {"/api/v1/devices/corpus-01/notes", "operator"},
            new String[] {"/api/v1/alerts/1/acknowledge", "operator"},
            new String[] {"/api/v1/feedback", "operator"},
            new String[] {"/api/v1/preprocessing/features", "operator"},
            new String[] {"/api/v1/preprocessing/validate", "operator"},
            new String[] {"/api/v1/postprocessing/decisions", "operator"},
            new String[] {"/v2/models/" + MODEL + "/infer", "operator"},
            new String[] {"/v2/models/" + MODEL + "/versions/1/infer", "operator"},
            new String[] {"/v2/repository/models/no-such-model/load", "admin"},
            new String[] {"/v2/repository/models/no-such-model/unload", "admin"},
            new String[] {"/v2/repository/index", "admin"});

    /** Bodies that no JSON endpoint may take, sent to every one of them. */
    static List<Map.Entry<String, byte[]>> badBodies() {
        List<Map.Entry<String, byte[]>> bodies = new ArrayList<>();
        add(bodies, "empty body", "");
        add(bodies, "whitespace", "   \n\t ");
        add(bodies, "open brace", "{");
        add(bodies, "close brace", "}");
        add(bodies, "open bracket", "[");
        add(bodies, "null", "null");
        add(bodies, "true", "true");
        add(bodies, "number", "123");
        add(bodies, "string", "\"readings\"");
        add(bodies, "empty array", "[]");
        add(bodies, "array of null", "[null]");
        add(bodies, "array of numbers", "[1,2,3]");
        add(bodies, "trailing garbage", "{} xyz");
        add(bodies, "single quotes", "{'readings':[]}");
        add(bodies, "NaN literal", "{\"value\":NaN}");
        add(bodies, "huge exponent", "{\"readings\":[{\"timestamp\":1e999999999}]}");
        add(bodies, "5000-digit number", "{\"x\":" + "9".repeat(5000) + "}");
        add(bodies, "nesting 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        add(bodies, "object nesting 3000 deep", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        add(bodies, "lone surrogate escape", "{\"deviceId\":\"\\ud800\",\"text\":\"\\udfff\"}");
        add(bodies, "NUL escape", "{\"deviceId\":\"a\\u0000b\",\"text\":\"\\u0000\"}");
        bodies.add(Map.entry("invalid UTF-8 bytes", new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}));
        bodies.add(Map.entry("UTF-8 BOM", ("\uFEFF{}").getBytes(StandardCharsets.UTF_8)));
        add(bodies, "emoji and RTL everywhere", "{\"deviceId\":\"\uD83D\uDD25\u202E\u0645\",\"text\":\"\uD83D\uDCA5\","
                + "\"readings\":[{\"timestamp\":\"\u0662\u0660\u0662\u0666\"}]}");
        add(bodies, "wrong types", "{\"deviceId\":7,\"readings\":{},\"text\":[],\"inputs\":\"x\",\"probabilities\":true,"
                + "\"label\":{},\"predictionId\":[1],\"acknowledgedBy\":5,\"timestamp\":false}");
        add(bodies, "numbers as strings", "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"sensors\":{"
                + "\"torque\":{\"value\":\"forty\",\"unit\":\"Nm\"}}}]}");
        add(bodies, "duplicate keys", "{\"deviceId\":\"a\",\"deviceId\":\"b\",\"text\":\"x\",\"text\":\"y\"}");
        add(bodies, "1 MB + 1 string", "{\"text\":\"" + "a".repeat(1024 * 1024 + 1) + "\"}");
        add(bodies, "3 MB of readings", "{\"readings\":[" + (GOOD_READING + ",").repeat(3 * 1024 * 1024
                / GOOD_READING.length()) + GOOD_READING + "]}");
        add(bodies, "10,000 keys", "{" + String.join(",", java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> "\"k" + i + "\":" + i).toList()) + "}");
        return bodies;
    }

    private static void add(List<Map.Entry<String, byte[]>> bodies, String name, String body) {
        bodies.add(Map.entry(name, body.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String[] endpoint : JSON_ENDPOINTS) {
            for (Map.Entry<String, byte[]> body : badBodies()) {
                cases.add(new Case(body.getKey(), "POST", endpoint[0], JSON, body.getValue(), endpoint[1]));
            }
            // Wrong content types with a plausible body.
            for (String type : new String[] {null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/json;;;",
                    "*/*", "garbage"}) {
                cases.add(new Case("content type " + type, "POST", endpoint[0], type,
                        "{\"readings\":[]}".getBytes(StandardCharsets.UTF_8), endpoint[1]));
            }
        }
        readingCases(cases);
        oipCases(cases);
        noteCases(cases);
        pathAndQueryCases(cases);
        otherEndpointCases(cases);
        return cases;
    }

    private static void readingCases(List<Case> cases) {
        String path = "/api/v1/devices/corpus-02/readings";
        String[] readings = {
            "{\"readings\":[]}",
            "{\"readings\":[" + (GOOD_READING + ",").repeat(1000) + GOOD_READING + "]}",
            "{\"readings\":[{\"timestamp\":\"not a time\",\"machineType\":\"M\",\"sensors\":{}}]}",
            "{\"readings\":[{\"timestamp\":\"9999-12-31T23:59:59Z\",\"machineType\":\"M\",\"sensors\":{}}]}",
            "{\"readings\":[{\"timestamp\":\"+1000000000-01-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":{}}]}",
            "{\"readings\":[{\"timestamp\":-1,\"machineType\":\"M\",\"sensors\":{}}]}",
            "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":null}]}",
            "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"machineType\":null,\"sensors\":{\"torque\":null}}]}",
            "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":{\"torque\":"
                    + "{\"value\":1e308,\"unit\":\"Nm\"},\"air_temperature\":{\"value\":-1e308,\"unit\":\"degC\"}}}]}",
            "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":{\"torque\":"
                    + "{\"value\":1,\"unit\":\"\uD83D\uDD25\"},\"\u0000\":{\"value\":1,\"unit\":\"K\"}}}]}",
            "{\"readings\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"machineType\":\"M\",\"sensors\":{\""
                    + "x".repeat(10_000) + "\":{\"value\":1,\"unit\":\"K\"}}}]}",
            "{\"readings\":[" + GOOD_READING + "," + GOOD_READING + "]}",
            "{\"deviceId\":\"someone-else\",\"readings\":[" + GOOD_READING + "]}",
            "{\"model\":\"../../etc/passwd\",\"readings\":[" + GOOD_READING + "]}",
            "{\"model\":\"no-such-model\",\"version\":\"-1\",\"readings\":[" + GOOD_READING + "]}",
            "{\"readings\":[" + GOOD_READING.replace("\"M\"", "\"Z\"") + "]}",
            GOOD_READING.replace("10,\"unit\"", "\"NaN\",\"unit\""),
            GOOD_READING.replace("10,\"unit\"", "\"Infinity\",\"unit\""),
            "[" + GOOD_READING.replace("\"min\"", "null") + "]",
            "{\"readings\":[" + GOOD_READING + "],\"readings\":null}",
        };
        for (int i = 0; i < readings.length; i++) {
            cases.add(new Case("reading #" + i, "POST", path, JSON, readings[i].getBytes(StandardCharsets.UTF_8),
                    "operator"));
        }
    }

    private static void oipCases(List<Case> cases) {
        String features = "[" + "0.5,".repeat(18) + "0.5]";
        String[] tensors = {
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":[1,2,3]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[2,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[-1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[0,19],\"data\":[]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1000000000,19],\"data\":" + features
                    + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[2147483647,2147483647],\"data\":"
                    + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19,1,1,1,1,1],\"data\":" + features
                    + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,\"19\"],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1.5,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":null,\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":null}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":\"" + "a".repeat(76)
                    + "\"}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":[" + "\"x\",".repeat(18)
                    + "\"x\"]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":[[" + "1,".repeat(18)
                    + "1]]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":[" + "[1],".repeat(18)
                    + "[1]]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":[" + "1e300,".repeat(18)
                    + "1e300]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP64\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"INT8\",\"shape\":[1,19],\"data\":[" + "300,".repeat(18)
                    + "300]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BOOL\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP16\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"NOPE\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":null,\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"hello\"]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"a\"]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[null]}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"\uD83D\uDD25\\u0000\"]}]}",
            "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1,1],\"data\":[[\"x\"]]}]}",
            "{\"inputs\":[{\"name\":\"wrong\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[]}",
            "{\"inputs\":null}",
            "{\"inputs\":[null]}",
            "{\"inputs\":[{}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "},"
                    + "{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "}],"
                    + "\"outputs\":[{\"name\":\"nope\"}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "}],"
                    + "\"outputs\":\"probabilities\"}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":" + features + "}],"
                    + "\"parameters\":{\"binary_data_output\":\"yes\",\"x\":[[[]]]}}",
            "{\"id\":{\"a\":1},\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,19],\"data\":"
                    + features + ",\"parameters\":5}]}",
            "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[5000,19],\"data\":["
                    + "0.5,".repeat(5000 * 19 - 1) + "0.5]}]}",
        };
        String[] paths = {"/v2/models/" + MODEL + "/infer", "/v2/models/" + MODEL + "/versions/1/infer",
            "/v2/models/" + MODEL + "/versions/999/infer", "/v2/models/no-such-model/infer"};
        for (String path : paths) {
            for (int i = 0; i < tensors.length; i++) {
                cases.add(new Case("OIP tensor #" + i, "POST", path, JSON, tensors[i].getBytes(StandardCharsets.UTF_8),
                        "operator"));
            }
        }
    }

    private static void noteCases(List<Case> cases) {
        String path = "/api/v1/devices/corpus-03/notes";
        String[] notes = {
            "{\"text\":\"\"}", "{\"text\":\"   \"}", "{\"text\":null}", "{\"text\":42}", "{\"text\":[\"a\"]}",
            "{\"text\":{\"a\":1}}", "{}", "{\"text\":\"" + "b".repeat(100_000) + "\"}",
            "{\"text\":\"pump smoking\",\"alertId\":\"abc\"}", "{\"text\":\"pump smoking\",\"alertId\":-1}",
            "{\"text\":\"pump smoking\",\"alertId\":1e30}", "{\"text\":\"pump smoking\",\"author\":{}}",
            "{\"text\":\"\\u0000\\u0001\\u0002\"}", "{\"text\":\"\u202E\u0645\u0631\u062D\u0628\u0627 \uD83D\uDD25\"}",
            "{\"text\":\"" + "\uD83D\uDCA5".repeat(5000) + "\"}",
        };
        for (int i = 0; i < notes.length; i++) {
            cases.add(new Case("note #" + i, "POST", path, JSON, notes[i].getBytes(StandardCharsets.UTF_8),
                    "operator"));
        }
    }

    private static void pathAndQueryCases(List<Case> cases) {
        String[] devices = {"%2e%2e", "..%2f..%2factuator", "%00", "a%00b", "%2F", "a%2Fb", "x".repeat(300),
            "%F0%9F%94%A5", "%E2%80%AE", "%C3%28", "%25", "a;b=c", "a%20b", "%20", "~root", "%3Cscript%3E",
            "..", ".", "a%5Cb", "%FF%FE"};
        for (String device : devices) {
            cases.add(new Case("device id " + device, "POST", "/api/v1/devices/" + device + "/readings", JSON,
                    ("{\"readings\":[" + GOOD_READING + "]}").getBytes(StandardCharsets.UTF_8), "operator"));
            cases.add(new Case("history of " + device, "GET", "/api/v1/devices/" + device + "/history", null, null,
                    "viewer"));
            cases.add(new Case("notes of " + device, "GET", "/api/v1/devices/" + device + "/notes", null, null,
                    "viewer"));
        }
        String[] gets = {
            "/api/v1/devices/corpus-01/history?size=-1", "/api/v1/devices/corpus-01/history?size=abc",
            "/api/v1/devices/corpus-01/history?size=99999999999999", "/api/v1/devices/corpus-01/history?page=-5",
            "/api/v1/devices/corpus-01/history?page=2147483647&size=1000", "/api/v1/devices/corpus-01/history?order=up",
            "/api/v1/devices/corpus-01/history?from=yesterday", "/api/v1/devices/corpus-01/history?from=9999-99-99",
            "/api/v1/devices/corpus-01/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "/api/v1/devices/corpus-01/history?size=1&size=2", "/api/v1/devices/corpus-01/notes?limit=-1",
            "/api/v1/devices/corpus-01/notes?limit=abc", "/api/v1/devices/corpus-01/notes?alertId=x",
            "/api/v1/notes/search", "/api/v1/notes/search?q=", "/api/v1/notes/search?q=pump&k=0",
            "/api/v1/notes/search?q=pump&k=abc", "/api/v1/notes/search?q=pump&k=1000000",
            "/api/v1/notes/search?q=" + "%F0%9F%94%A5".repeat(500), "/api/v1/notes/search?q=%00",
            "/api/v1/devices/status?limit=-1", "/api/v1/devices/status?page=abc", "/api/v1/alerts?status=WHATEVER",
            "/api/v1/alerts?limit=abc", "/api/v1/alerts?deviceId=%00", "/api/v1/shards/devices/%2e%2e",
            "/api/v1/shards/devices/" + "y".repeat(1000), "/api/v1/shards/-1", "/api/v1/shards/99999",
            "/api/v1/shards/abc", "/api/v1/export/labelled?from=x", "/api/v1/export/labelled?limit=-3",
            "/api/v1/postprocessing/alerts?deviceId=%00", "/api/v1/postprocessing/alerts/devices/%2e%2e",
            "/v2/models/%2e%2e%2f%2e%2e/ready", "/v2/models/" + MODEL + "/versions/abc",
            "/v2/models/" + MODEL + "/versions/-1/ready", "/v2/models/" + MODEL + "/versions/99999999999999999999",
            "/v2/models/%00/config", "/v2/models/" + "m".repeat(500), "/v2/repository/models/" + MODEL
                    + "/finetune/not-a-job", "/v2//models//" + MODEL, "/api//v1//devices//status",
            "/api/v1/devices/status/", "/api/v1/devices/status;jsessionid=x", "/api/v1/devices/status?%zz=1",
            "/actuator/env", "/actuator/heapdump/..%2f..", "/%2e%2e/%2e%2e/etc/passwd", "/fallback/inference",
            "/fallback/%2e%2e", "/api/v1/preprocessing/features",
        };
        for (String get : gets) {
            String role = get.startsWith("/v2/repository") || get.startsWith("/actuator") ? "admin" : "viewer";
            cases.add(new Case("GET " + get, "GET", get, null, null, role));
        }
    }

    private static void otherEndpointCases(List<Case> cases) {
        String[] csvs = {"", "a,b,c", "\u0000\u0001", "UDI,Product ID,Type\n1,M1,M\n", "x".repeat(100_000),
            "\"unterminated,quote\n1,2"};
        for (String csv : csvs) {
            cases.add(new Case("train CSV " + csv.length() + " chars", "POST", "/v2/repository/models/corpus-model/train",
                    "text/csv", csv.getBytes(StandardCharsets.UTF_8), "admin"));
        }
        String[] finetunes = {"{", "[]", "{\"epochs\":\"many\"}", "{\"epochs\":-1}", "{\"epochs\":1e9}",
            "{\"learningRate\":\"x\"}", "{\"from\":\"nope\"}"};
        for (String body : finetunes) {
            cases.add(new Case("finetune " + body, "POST", "/v2/models/no-such-model/finetune", JSON,
                    body.getBytes(StandardCharsets.UTF_8), "admin"));
        }
        cases.add(new Case("DELETE unknown job", "DELETE", "/v2/models/" + MODEL + "/finetune/none", null, null,
                "admin"));
        for (String method : new String[] {"PUT", "PATCH", "DELETE", "TRACE"}) {
            cases.add(new Case(method + " readings", method, "/api/v1/devices/corpus-01/readings", JSON,
                    "{}".getBytes(StandardCharsets.UTF_8), "operator"));
        }
        for (String ack : new String[] {"/api/v1/alerts/abc/acknowledge", "/api/v1/alerts/-1/acknowledge",
            "/api/v1/alerts/99999999999999999999/acknowledge", "/api/v1/alerts/%00/acknowledge"}) {
            cases.add(new Case("acknowledge " + ack, "POST", ack, JSON, "{\"by\":\"x\"}".getBytes(
                    StandardCharsets.UTF_8), "operator"));
        }
    }

    /** Sends every case and returns the answers. */
    static List<Outcome> run(HttpClient http, String gateway, Map<String, String> keys) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Case c : cases()) {
            outcomes.add(send(http, gateway, keys.get(c.role()), c));
        }
        return outcomes;
    }

    static Outcome send(HttpClient http, String gateway, String key, Case c) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + c.path()))
                    .timeout(Duration.ofSeconds(60)).header("X-API-Key", key)
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Outcome(c, response.statusCode(), body.substring(0, Math.min(200, body.length())));
        } catch (IllegalArgumentException e) {
            return new Outcome(c, -1, e.toString());
        } catch (Exception e) {
            return new Outcome(c, 0, e.toString());
        }
    }
}

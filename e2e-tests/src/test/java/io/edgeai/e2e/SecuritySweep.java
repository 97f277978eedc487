package io.edgeai.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security sweep of the fault suite: every gateway route without a key, with an unknown key and with each role
 * below the one it needs; every internal service's routes without the internal credential and with a wrong one.
 * A request is "accepted" when it is answered below 400: the sweep must accept none.
 */
final class SecuritySweep {

    /** A gateway route and the lowest role that may call it. */
    record Route(String method, String path, String role) {
    }

    /** One probe: who asked (no key, a bad key, a role, no credential) and the status it got. */
    record Probe(String target, String method, String path, String as, int status) {
        boolean accepted() {
            return status > 0 && status < 400;
        }
    }

    static final List<String> ROLES = List.of("viewer", "operator", "admin");

    static final List<Route> GATEWAY = List.of(
            new Route("POST", "/api/v1/devices/sweep-01/readings", "operator"),
            new Route("POST", "/api/v1/devices/sweep-01/notes", "operator"),
            new Route("GET", "/api/v1/devices/sweep-01/notes", "viewer"),
            new Route("GET", "/api/v1/notes/search?q=pump", "viewer"),
            new Route("GET", "/api/v1/devices/sweep-01/history", "viewer"),
            new Route("GET", "/api/v1/devices/status", "viewer"),
            new Route("GET", "/api/v1/alerts", "viewer"),
            new Route("POST", "/api/v1/alerts/1/acknowledge", "operator"),
            new Route("POST", "/api/v1/feedback", "operator"),
            new Route("GET", "/api/v1/shards", "viewer"),
            new Route("GET", "/api/v1/shards/devices/sweep-01", "viewer"),
            new Route("GET", "/api/v1/export/labelled", "viewer"),
            new Route("POST", "/api/v1/preprocessing/features", "operator"),
            new Route("POST", "/api/v1/preprocessing/validate", "operator"),
            new Route("POST", "/api/v1/postprocessing/decisions", "operator"),
            new Route("GET", "/api/v1/postprocessing/alerts", "viewer"),
            new Route("GET", "/v2", "viewer"),
            new Route("GET", "/v2/models/ai4i-failure", "viewer"),
            new Route("GET", "/v2/models/ai4i-failure/config", "viewer"),
            new Route("POST", "/v2/models/ai4i-failure/infer", "operator"),
            new Route("POST", "/v2/models/ai4i-failure/versions/1/infer", "operator"),
            new Route("POST", "/v2/repository/index", "admin"),
            new Route("POST", "/v2/repository/models/ai4i-failure/load", "admin"),
            new Route("POST", "/v2/repository/models/ai4i-failure/unload", "admin"),
            new Route("POST", "/v2/repository/models/sweep-model/train", "admin"),
            new Route("POST", "/v2/models/ai4i-failure/finetune", "admin"),
            new Route("GET", "/v2/models/ai4i-failure/finetune/none", "admin"),
            new Route("DELETE", "/v2/models/ai4i-failure/finetune/none", "admin"),
            new Route("POST", "/v2/models/ai4i-failure/versions/1/promote", "admin"),
            new Route("POST", "/api/v1/retention/run", "admin"),
            new Route("GET", "/actuator/metrics", "admin"),
            new Route("GET", "/actuator/env", "admin"),
            new Route("GET", "/actuator/loggers", "admin"));

    /** The routes of each internal service (paths as the service itself serves them). */
    static final Map<String, List<String[]>> INTERNAL = Map.of(
            "preprocessing-service", List.of(new String[] {"POST", "/api/v1/preprocessing/features"},
                    new String[] {"POST", "/api/v1/preprocessing/validate"}),
            "inference-service", List.of(new String[] {"GET", "/v2"}, new String[] {"GET", "/v2/models/ai4i-failure"},
                    new String[] {"GET", "/v2/models/ai4i-failure/config"},
                    new String[] {"POST", "/v2/models/ai4i-failure/infer"},
                    new String[] {"POST", "/v2/repository/index"},
                    new String[] {"POST", "/v2/repository/models/ai4i-failure/unload"},
                    new String[] {"POST", "/v2/repository/models/x/train"},
                    new String[] {"POST", "/v2/models/ai4i-failure/finetune"},
                    new String[] {"POST", "/v2/models/ai4i-failure/versions/1/promote"}),
            "postprocessing-service", List.of(new String[] {"POST", "/api/v1/postprocessing/decisions"},
                    new String[] {"GET", "/api/v1/postprocessing/alerts"},
                    new String[] {"GET", "/api/v1/postprocessing/notifications/dead-letters"}),
            "data-shard-service", List.of(new String[] {"POST", "/api/v1/storage/batches"},
                    new String[] {"GET", "/api/v1/devices/sweep-01/history"},
                    new String[] {"GET", "/api/v1/devices/status"}, new String[] {"GET", "/api/v1/alerts"},
                    new String[] {"POST", "/api/v1/alerts/1/acknowledge"}, new String[] {"POST", "/api/v1/feedback"},
                    new String[] {"GET", "/api/v1/export/labelled"}, new String[] {"GET", "/api/v1/shards"},
                    new String[] {"POST", "/api/v1/devices/recent-history"}, new String[] {"POST", "/api/v1/notes"},
                    new String[] {"POST", "/api/v1/notes/similar"},
                    new String[] {"GET", "/api/v1/devices/sweep-01/notes"},
                    new String[] {"GET", "/actuator/metrics"}, new String[] {"GET", "/actuator/env"}));

    static List<Probe> run(HttpClient http, EdgeLauncher edge, Map<String, String> keys) {
        List<Probe> probes = new ArrayList<>();
        for (Route route : GATEWAY) {
            probes.add(probe(http, "gateway", edge.gateway(), route.method(), route.path(), "no key", null, null));
            probes.add(probe(http, "gateway", edge.gateway(), route.method(), route.path(), "unknown key",
                    "X-API-Key", "not-a-key-" + route.path().length()));
            probes.add(probe(http, "gateway", edge.gateway(), route.method(), route.path(), "empty key",
                    "X-API-Key", ""));
            for (String role : ROLES.subList(0, ROLES.indexOf(route.role()))) {
                probes.add(probe(http, "gateway", edge.gateway(), route.method(), route.path(), role + " key",
                        "X-API-Key", keys.get(role)));
            }
            // The internal credential is not a key for the public door.
            probes.add(probe(http, "gateway", edge.gateway(), route.method(), route.path(), "internal token only",
                    "X-Edge-Internal-Token", keys.get("internal")));
        }
        for (Map.Entry<String, List<String[]>> service : INTERNAL.entrySet()) {
            String base = "http://localhost:" + edge.port(service.getKey());
            for (String[] route : service.getValue()) {
                probes.add(probe(http, service.getKey(), base, route[0], route[1], "no credential", null, null));
                probes.add(probe(http, service.getKey(), base, route[0], route[1], "wrong credential",
                        "X-Edge-Internal-Token", "wrong-" + keys.get("internal")));
                probes.add(probe(http, service.getKey(), base, route[0], route[1], "admin API key",
                        "X-API-Key", keys.get("admin")));
            }
        }
        return probes;
    }

    private static Probe probe(HttpClient http, String target, String base, String method, String path, String as,
                               String header, String value) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
            if (header != null) {
                request.header(header, value);
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Probe(target, method, path, as, status);
        } catch (Exception e) {
            return new Probe(target, method, path, as, 0);
        }
    }
}

package io.edgeai.gateway.fleet;

import io.edgeai.gateway.client.ShardRouter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fleet-wide reads when several data-shard instances share the shards: the gateway asks every owner and merges
 * their answers, so a dashboard sees one fleet. Active only with more than one owner; with one, these paths are
 * plain routes.
 */
@RestController
@ConditionalOnExpression("'${edge.data-shard.owners:}'.contains(',')")
public class FleetController {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http;
    private final ShardRouter router;
    private final JsonMapper json;

    public FleetController(WebClient http, ShardRouter router, JsonMapper json) {
        this.http = http;
        this.router = router;
        this.json = json;
    }

    /** Latest status of every device, from every owner. */
    @GetMapping("/api/v1/devices/status")
    public Mono<ResponseEntity<JsonNode>> status(ServerWebExchange exchange) {
        return gather(exchange).map(answers -> {
            ObjectNode merged = json.createObjectNode();
            ArrayNode shards = merged.putArray("shards");
            List<JsonNode> items = new ArrayList<>();
            answers.forEach(a -> {
                a.path("shards").forEach(shards::add);
                a.path("items").forEach(items::add);
            });
            items.sort(Comparator.comparing(i -> i.path("deviceId").asString()));
            merged.put("devices", items.size());
            merged.putArray("items").addAll(items);
            return ResponseEntity.ok(merged);
        });
    }

    /** Alerts in a state from every owner, most recently changed first, cut to the asked limit. */
    @GetMapping("/api/v1/alerts")
    public Mono<ResponseEntity<JsonNode>> alerts(ServerWebExchange exchange) {
        int limit = Integer.parseInt(exchange.getRequest().getQueryParams().getFirst("limit") == null ? "100"
                : exchange.getRequest().getQueryParams().getFirst("limit"));
        return gather(exchange).map(answers -> {
            List<JsonNode> items = new ArrayList<>();
            answers.forEach(a -> a.path("items").forEach(items::add));
            items.sort(Comparator.comparing(FleetController::lastChange).reversed());
            List<JsonNode> page = items.size() > limit ? items.subList(0, limit) : items;
            ObjectNode merged = json.createObjectNode();
            merged.put("state", answers.isEmpty() ? "open" : answers.get(0).path("state").asString());
            merged.put("count", page.size());
            merged.putArray("items").addAll(page);
            return ResponseEntity.ok(merged);
        });
    }

    /** Acknowledges an alert at the owner of its device (named in the body), or at whichever owner holds it. */
    @PostMapping(path = "/api/v1/alerts/{alertId}/acknowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<JsonNode>> acknowledge(@PathVariable String alertId, @RequestBody JsonNode body,
                                                      ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        String deviceId = body.path("deviceId").asString(null);
        List<URI> candidates = deviceId != null && !deviceId.isEmpty() ? List.of(router.ownerOf(deviceId))
                : router.owners();
        return Flux.fromIterable(candidates)
                .concatMap(owner -> http.post().uri(owner.resolve(path)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(r -> r.toEntity(JsonNode.class))
                        .timeout(TIMEOUT))
                .filter(r -> r.getStatusCode().value() != HttpStatus.NOT_FOUND.value())
                .next()
                .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body((JsonNode) json.createObjectNode().put("status", 404).put("title", "Not found")
                                .put("detail", "No data-shard instance holds alert " + alertId).put("instance", path))));
    }

    private Mono<List<JsonNode>> gather(ServerWebExchange exchange) {
        String pathAndQuery = exchange.getRequest().getURI().getRawPath()
                + (exchange.getRequest().getURI().getRawQuery() == null ? ""
                : "?" + exchange.getRequest().getURI().getRawQuery());
        return Flux.fromIterable(router.owners())
                .flatMapSequential(owner -> http.get().uri(owner.resolve(pathAndQuery))
                        .retrieve().bodyToMono(JsonNode.class).timeout(TIMEOUT))
                .collectList();
    }

    private static Instant lastChange(JsonNode alert) {
        Instant latest = Instant.EPOCH;
        for (String field : new String[] {"raisedAt", "acknowledgedAt", "clearedAt"}) {
            String t = alert.path(field).asString("");
            if (!t.isEmpty()) {
                Instant i = Instant.parse(t);
                latest = i.isAfter(latest) ? i : latest;
            }
        }
        return latest;
    }
}

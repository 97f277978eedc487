package io.edgeai.gateway.uplink;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.hub.ModelPackage;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.model.ModelNames;
import io.edgeai.gateway.client.HubClient;
import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.web.ServiceUnavailable;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models between this site and the hub. Publish: inference packs a version (portable weights, checksum, report)
 * and the hub stores it. Pull: the hub's package is checked against its checksum here, then inference checks it
 * again, gates it on this site's held-out rows and promotes it only when it beats the served version. The hub's
 * and inference's refusals reach the caller as problem+json naming the field.
 */
@Component
public class ModelExchange {

    private static final Logger log = LoggerFactory.getLogger(ModelExchange.class);

    private final HubClient hub;
    private final WebClient downstream;
    private final URI inference;
    private final JsonMapper json;

    public ModelExchange(HubClient hub, WebClient downstreamWebClient, DownstreamProperties services, JsonMapper json) {
        this.hub = hub;
        this.downstream = downstreamWebClient;
        this.inference = services.services().get("inference").uri();
        this.json = json;
    }

    public Mono<ResponseEntity<Object>> publish(String model, long version) {
        return checked(model).switchIfEmpty(Mono.defer(() -> inference("GET", model, "/versions/" + version
                + "/package", null).flatMap(packed -> {
                    if (packed.getStatusCode().isError()) {
                        return Mono.just(packed);
                    }
                    return hub.post("/api/v1/models/" + model + "/versions", packed.getBody())
                            .map(ModelExchange::passThrough)
                            .onErrorResume(e -> Mono.just(hubDown(e)));
                })));
    }

    public Mono<ResponseEntity<Object>> pull(String model, long version) {
        return checked(model).switchIfEmpty(Mono.defer(() -> hub.get("/api/v1/models/" + model + "/versions/"
                + version).flatMap(answer -> {
                    if (!answer.ok()) {
                        return Mono.just(passThrough(answer));
                    }
                    ModelPackage pkg = json.readValue(answer.body(), ModelPackage.class);
                    String actual = ModelWeights.sha256(Base64.getDecoder().decode(pkg.weights()));
                    if (!actual.equals(pkg.sha256())) {
                        log.warn("refused hub version {} of {}: checksum {} declared, {} computed", version, model,
                                pkg.sha256(), actual);
                        return Mono.just(problem(HttpStatus.UNPROCESSABLE_CONTENT, "sha256", "the hub's version "
                                + version + " does not match its checksum (declared " + pkg.sha256()
                                + ", computed " + actual + "); nothing was imported"));
                    }
                    return inference("POST", model, "/import", pkg);
                }).onErrorResume(e -> Mono.just(hubDown(e)))));
    }

    public Mono<ResponseEntity<Object>> list(String model) {
        return checked(model).switchIfEmpty(Mono.defer(() -> hub.get("/api/v1/models/" + model + "/versions")
                .map(ModelExchange::passThrough).onErrorResume(e -> Mono.just(hubDown(e)))));
    }

    private Mono<ResponseEntity<Object>> checked(String model) {
        if (!hub.enabled()) {
            return Mono.just(problem(HttpStatus.CONFLICT, "hub", "this site has no hub (EDGE_HUB_URI)"));
        }
        String problem = ModelNames.problem(model);
        return problem == null ? Mono.empty() : Mono.just(problem(HttpStatus.BAD_REQUEST, "model", problem));
    }

    /** A call to inference's exchange endpoints; its {"error"} refusals become problem+json. */
    private Mono<ResponseEntity<Object>> inference(String method, String model, String path, Object body) {
        WebClient.RequestBodySpec spec = downstream.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(inference.resolve("/v2/repository/models/" + model + path));
        WebClient.RequestHeadersSpec<?> request = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
        return request.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("{}").map(text -> {
            if (r.statusCode().is2xxSuccessful()) {
                return ResponseEntity.status(r.statusCode()).contentType(MediaType.APPLICATION_JSON)
                        .<Object>body(json.readTree(text));
            }
            String error = json.readTree(text).path("error").asString(text);
            int colon = error.indexOf(": ");
            boolean named = colon > 0 && error.substring(0, colon).matches("[a-z_A-Z0-9.]+");
            return problem(HttpStatus.valueOf(r.statusCode().value()), named ? error.substring(0, colon) : "model",
                    named ? error.substring(colon + 2) : error);
        })).onErrorResume(e -> Mono.just(ServiceUnavailable.answer("inference", "inference cannot be asked now: "
                + e.getMessage(), null)));
    }

    private static ResponseEntity<Object> passThrough(HubClient.Answer answer) {
        boolean problem = answer.status() >= 400;
        return ResponseEntity.status(answer.status()).contentType(problem ? MediaType.APPLICATION_PROBLEM_JSON
                : MediaType.APPLICATION_JSON).body(answer.body());
    }

    private static ResponseEntity<Object> hubDown(Throwable e) {
        return ServiceUnavailable.answer("hub", "the hub cannot be reached now (" + e.getMessage() + "); models move "
                + "when the uplink is back", null);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String field, String message) {
        ProblemDetail p = Problems.validation(status, List.of(new FieldViolation(field, message)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

}

package io.edgeai.gateway.uplink;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The site's uplink: its state for the dashboard ({@code GET /api/v1/uplink}, viewer), a summary run now
 * ({@code POST /api/v1/uplink/collect}), and models to and from the hub (admin): {@code GET /api/v1/uplink/models/{m}}
 * lists the hub's versions, {@code POST .../publish} and {@code POST .../pull} with {@code {"version": n}}.
 */
@RestController
public class UplinkController {

    private final Uplink uplink;
    private final ModelExchange models;

    public UplinkController(Uplink uplink, ModelExchange models) {
        this.uplink = uplink;
        this.models = models;
    }

    @GetMapping("/api/v1/uplink")
    public LinkState state() {
        return uplink.state();
    }

    @PostMapping("/api/v1/uplink/collect")
    public Mono<Map<String, Object>> collect() {
        return Mono.fromCallable(() -> Map.<String, Object>of("queued", uplink.collect(), "state", uplink.state()))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }

    @GetMapping("/api/v1/uplink/models/{model}")
    public Mono<ResponseEntity<Object>> list(@PathVariable String model) {
        return models.list(model);
    }

    @PostMapping("/api/v1/uplink/models/{model}/publish")
    public Mono<ResponseEntity<Object>> publish(@PathVariable String model, @RequestBody VersionBody body) {
        return models.publish(model, body.version());
    }

    @PostMapping("/api/v1/uplink/models/{model}/pull")
    public Mono<ResponseEntity<Object>> pull(@PathVariable String model, @RequestBody VersionBody body) {
        return models.pull(model, body.version());
    }

    /** {@code {"version": 3}}. */
    public record VersionBody(long version) {
    }
}

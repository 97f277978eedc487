package io.edgeai.hub.model;

import io.edgeai.contracts.hub.ModelPackage;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.hub.config.HubProperties;
import io.edgeai.hub.site.SiteKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared model repository: a site publishes a version ({@code POST /api/v1/models/{m}/versions}), any site or
 * the admin lists and pulls versions, the admin runs a federated round ({@code POST /api/v1/models/{m}/federated}).
 */
@RestController
public class ModelController {

    private static final Logger log = LoggerFactory.getLogger(ModelController.class);

    private final SiteKeys keys;
    private final ModelStore store;
    private final FederatedRound federated;
    private final HubProperties properties;
    private final MeterRegistry meters;

    public ModelController(SiteKeys keys, ModelStore store, FederatedRound federated, HubProperties properties,
                           MeterRegistry meters) {
        this.keys = keys;
        this.store = store;
        this.federated = federated;
        this.properties = properties;
        this.meters = meters;
    }

    @PostMapping("/api/v1/models/{model}/versions")
    public ResponseEntity<Map<String, Object>> publish(@RequestHeader(value = SiteKeys.HEADER, required = false)
                                                       String key, @PathVariable String model,
                                                       @RequestBody ModelPackage body) {
        String site = keys.authenticate(key).requireSite();
        try {
            var weights = PackageRules.check(model, body, properties.maxModelSize().toBytes());
            ModelStore.Entry e = store.add(model, site, ModelStore.PUBLISHED, body.config(), weights, body.rows(),
                    site + ": " + (body.source() == null ? model : body.source()));
            meters.counter("edge.hub.models", "outcome", "published").increment();
            log.info("site {} published {} as hub version {} (sha256 {})", site, model, e.version(), e.sha256());
            return ResponseEntity.status(HttpStatus.CREATED).body(summary(e));
        } catch (InvalidRequestException e) {
            meters.counter("edge.hub.models", "outcome", "refused").increment();
            log.warn("refused {} from site {}: {}", model, site, e.violations());
            throw e;
        }
    }

    @GetMapping("/api/v1/models/{model}/versions")
    public List<Map<String, Object>> list(@RequestHeader(value = SiteKeys.HEADER, required = false) String key,
                                          @PathVariable String model) {
        keys.authenticate(key);
        return store.list(model).stream().map(ModelController::summary).toList();
    }

    @GetMapping("/api/v1/models/{model}/versions/{version}")
    public ModelPackage pull(@RequestHeader(value = SiteKeys.HEADER, required = false) String key,
                             @PathVariable String model, @PathVariable long version) {
        keys.authenticate(key);
        return store.packageOf(store.entry(model, version));
    }

    /** Body (optional) {@code {"versions":[3,4]}}; without it the latest version each site published. */
    @PostMapping("/api/v1/models/{model}/federated")
    public ResponseEntity<Map<String, Object>> federate(@RequestHeader(value = SiteKeys.HEADER, required = false)
                                                        String key, @PathVariable String model,
                                                        @RequestBody(required = false) Map<String, List<Long>> body) {
        keys.authenticate(key).requireAdmin();
        ModelStore.Entry e = federated.run(model, body == null ? null : body.get("versions"));
        meters.counter("edge.hub.models", "outcome", "federated").increment();
        return ResponseEntity.status(HttpStatus.CREATED).body(summary(e));
    }

    static Map<String, Object> summary(ModelStore.Entry e) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("model", e.model());
        out.put("version", e.version());
        out.put("kind", e.kind());
        out.put("site", e.site());
        out.put("sha256", e.sha256());
        out.put("rows", e.rows());
        out.put("source", e.source());
        out.put("published", e.published().toString());
        out.put("evaluation", e.config().get("evaluation"));
        return out;
    }
}

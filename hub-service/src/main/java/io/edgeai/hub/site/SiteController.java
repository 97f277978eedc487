package io.edgeai.hub.site;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Site registration and revocation (admin): {@code POST /api/v1/sites}, {@code POST /api/v1/sites/{s}/revoke}. */
@RestController
public class SiteController {

    private final SiteKeys keys;

    public SiteController(SiteKeys keys) {
        this.keys = keys;
    }

    /** Body {@code {"site":"plant-a"}}; answers the site's key, the only time it is shown. */
    @PostMapping("/api/v1/sites")
    public ResponseEntity<Map<String, String>> register(@RequestHeader(value = SiteKeys.HEADER, required = false)
                                                        String key, @RequestBody Map<String, String> body) {
        keys.authenticate(key).requireAdmin();
        String site = body.get("site");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("site", site == null ? "" : site,
                "key", keys.register(site)));
    }

    @PostMapping("/api/v1/sites/{site}/revoke")
    public Map<String, Object> revoke(@RequestHeader(value = SiteKeys.HEADER, required = false) String key,
                                      @PathVariable String site) {
        keys.authenticate(key).requireAdmin();
        keys.revoke(site);
        return Map.of("site", site, "revoked", true);
    }
}

package io.edgeai.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Several instances of one downstream service without a load balancer in front (several nodes on one box, or
 * compose): the gateway spreads calls over them itself.
 *
 * @param uris      base URIs per service id ({@code edge.replicas.uris.inference}); a service without an entry (or an
 *                  empty one) is the single {@code edge.services.<id>.uri}
 * @param downPause how long a replica that refused a connection is tried last
 */
@Validated
@ConfigurationProperties("edge.replicas")
public record ReplicaProperties(Map<String, List<URI>> uris, @DefaultValue("2s") Duration downPause) {

    public ReplicaProperties {
        // An empty environment variable binds as no URI, or as one empty URI: both mean "unset".
        uris = uris == null ? Map.of() : uris.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue() == null ? List.of()
                        : e.getValue().stream().filter(u -> u != null && !u.toString().isBlank()).toList()));
    }
}

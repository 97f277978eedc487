package io.edgeai.gateway.client;

import io.edgeai.gateway.config.DownstreamProperties;
import io.edgeai.gateway.config.ReplicaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Which instance of a replicated downstream service to call: round-robin over {@code edge.replicas.uris.<id>}, and a
 * replica that refused a connection (dead, restarting) goes to the back of the line for
 * {@code edge.replicas.down-pause}, so callers fail over to the others at once instead of waiting on it. A service
 * without replicas has one candidate, its {@code edge.services.<id>.uri}.
 */
@Component
public class ReplicaBalancer {

    private final Map<String, List<URI>> replicas = new HashMap<>();
    private final Map<String, AtomicInteger> cursors = new HashMap<>();
    private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();
    private final long downPauseNanos;
    private final MeterRegistry meters;

    public ReplicaBalancer(DownstreamProperties services, ReplicaProperties properties, MeterRegistry meters) {
        services.services().forEach((id, service) -> {
            List<URI> uris = properties.uris().getOrDefault(id, List.of());
            replicas.put(id, uris.isEmpty() ? List.of(service.uri()) : List.copyOf(uris));
            cursors.put(id, new AtomicInteger());
        });
        this.downPauseNanos = properties.downPause().toNanos();
        this.meters = meters;
    }

    /** Every instance of the service, in configuration order. */
    public List<URI> replicas(String service) {
        return replicas.getOrDefault(service, List.of());
    }

    /**
     * The service's instances in the order to try them for one call: round-robin, those that recently refused a
     * connection last (still tried when nothing else is left).
     */
    public List<URI> candidates(String service) {
        List<URI> all = replicas(service);
        if (all.size() < 2) {
            return all;
        }
        int start = Math.floorMod(cursors.get(service).getAndIncrement(), all.size());
        long now = System.nanoTime();
        List<URI> up = new ArrayList<>(all.size());
        List<URI> down = new ArrayList<>(1);
        for (int i = 0; i < all.size(); i++) {
            URI replica = all.get((start + i) % all.size());
            Long until = downUntil.get(replica);
            (until != null && until - now > 0 ? down : up).add(replica);
        }
        up.addAll(down);
        return up;
    }

    /** Records that {@code replica} refused a connection: it is tried last for a while. */
    public void refused(String service, URI replica) {
        downUntil.put(replica, System.nanoTime() + downPauseNanos);
        Counter.builder("edge.gateway.replica.failovers")
                .description("Calls that found a replica refusing connections and went on to the next one")
                .tag("service", service).tag("replica", replica.toString()).register(meters).increment();
    }

    /**
     * Whether a call failed because the instance refused or could not take the connection: nothing was sent, so the
     * same request may go to another replica whatever its method.
     */
    public static boolean isConnectFailure(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ConnectException) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }
}

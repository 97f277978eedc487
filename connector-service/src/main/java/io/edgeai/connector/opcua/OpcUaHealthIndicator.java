package io.edgeai.connector.opcua;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code opcua} in {@code /actuator/health}: UP while every endpoint is connected, with each endpoint's monitored
 * items and node problems. Not part of readiness, like {@code mqtt}: a PLC restart must not take the service out.
 */
@Component("opcua")
public class OpcUaHealthIndicator implements HealthIndicator {

    private final OpcUaConnector connector;

    public OpcUaHealthIndicator(OpcUaConnector connector) {
        this.connector = connector;
    }

    @Override
    public Health health() {
        if (!connector.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        List<OpcUaState> endpoints = connector.state();
        boolean up = endpoints.stream().allMatch(OpcUaState::connected);
        return (up ? Health.up() : Health.down()).withDetail("endpoints", endpoints).build();
    }
}

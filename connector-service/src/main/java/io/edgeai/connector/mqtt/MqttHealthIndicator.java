package io.edgeai.connector.mqtt;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code mqtt} in {@code /actuator/health}: UP while connected to the broker. Not part of readiness: the service is
 * ready without a broker (it keeps connecting), and a broker restart must not take it out of a load balancer.
 */
@Component("mqtt")
public class MqttHealthIndicator implements HealthIndicator {

    private final MqttConnector connector;

    public MqttHealthIndicator(MqttConnector connector) {
        this.connector = connector;
    }

    @Override
    public Health health() {
        MqttConnector.MqttState state = connector.state();
        if (!state.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        Health.Builder health = state.connected() ? Health.up() : Health.down();
        health.withDetail("broker", state.broker()).withDetail("clientId", state.clientId())
                .withDetail("subscriptions", state.subscriptions())
                .withDetail("pendingMessages", state.pendingMessages());
        if (state.lastError() != null) {
            health.withDetail("lastError", state.lastError());
        }
        return health.build();
    }
}

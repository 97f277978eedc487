package io.edgeai.connector.web;

import io.edgeai.connector.mqtt.MqttConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/connector/status}: the broker connection, the subscriptions and what waits for the gateway. */
@RestController
public class StatusController {

    private final MqttConnector mqtt;

    public StatusController(MqttConnector mqtt) {
        this.mqtt = mqtt;
    }

    @GetMapping("/api/v1/connector/status")
    public MqttConnector.MqttState status() {
        return mqtt.state();
    }
}

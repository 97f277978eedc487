package io.edgeai.connector.web;

import io.edgeai.connector.mqtt.MqttConnector;
import io.edgeai.connector.opcua.OpcUaConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/connector/status}: the broker connection, the subscriptions and what waits for the gateway, and
 * under {@code opcua} each OPC UA endpoint.
 */
@RestController
public class StatusController {

    private final MqttConnector mqtt;
    private final OpcUaConnector opcua;
    private final JsonMapper json;

    public StatusController(MqttConnector mqtt, OpcUaConnector opcua, JsonMapper json) {
        this.mqtt = mqtt;
        this.opcua = opcua;
        this.json = json;
    }

    @GetMapping("/api/v1/connector/status")
    public ObjectNode status() {
        ObjectNode status = json.valueToTree(mqtt.state());
        status.set("opcua", json.valueToTree(opcua.state()));
        return status;
    }
}

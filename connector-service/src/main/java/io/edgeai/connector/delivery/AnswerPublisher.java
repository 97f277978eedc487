package io.edgeai.connector.delivery;

import io.edgeai.connector.config.MqttProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the gateway's answers back to the machines' side: the decisions of each batch, each device's latest
 * status (retained), each alert event, and the dead letters of messages that could not become readings.
 */
@Component
public class AnswerPublisher {

    private static final int MAX_DEAD_PAYLOAD = 64 * 1024;

    private final MqttProperties.Topics topics;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public AnswerPublisher(MqttProperties properties, JsonMapper json, MeterRegistry meters) {
        this.topics = properties.topics();
        this.json = json;
        this.meters = meters;
    }

    /** The gateway's 2xx answer to one device's batch. */
    void answered(Broker broker, String deviceId, String machineType, JsonNode answer) {
        if (!topics.decisions().isBlank()) {
            publish(broker, "decision", topic(topics.decisions(), deviceId, machineType), answer, false);
        }
        JsonNode results = answer.path("results");
        if (!topics.status().isBlank() && results.isArray() && !results.isEmpty()) {
            JsonNode last = results.get(results.size() - 1);
            ObjectNode status = json.createObjectNode().put("deviceId", deviceId);
            if (machineType != null) {
                status.put("machineType", machineType);
            }
            status.set("timestamp", last.get("timestamp"));
            status.set("status", last.get("status"));
            status.set("mostLikelyMode", last.get("mostLikelyMode"));
            status.set("probabilities", last.get("probabilities"));
            status.set("predictionId", last.get("predictionId"));
            status.set("model", answer.get("model"));
            status.set("modelVersion", answer.get("modelVersion"));
            publish(broker, "status", topic(topics.status(), deviceId, machineType), status, true);
        }
        if (!topics.alerts().isBlank()) {
            for (JsonNode alert : answer.path("alerts")) {
                publish(broker, "alert", topic(topics.alerts(), deviceId, machineType), alert, false);
            }
        }
    }

    /** A message that cannot become a reading, with the reason and, when the gateway refused it, its problem. */
    void deadLetter(Broker broker, Inbound message, String reason, JsonNode problem) {
        meters.counter("edge_connector_dead_letters_total", "protocol", message.source().protocol()).increment();
        if (topics.deadLetter().isBlank()) {
            return;
        }
        ObjectNode letter = json.createObjectNode()
                .put("reason", reason)
                .put("topic", message.topic())
                .put("receivedAt", message.arrived().toString())
                .put("deadLetteredAt", Instant.now().toString());
        if (message.mapped() != null && message.mapped().deviceId() != null) {
            letter.put("deviceId", message.mapped().deviceId());
        }
        byte[] payload = message.payload();
        byte[] kept = payload.length <= MAX_DEAD_PAYLOAD ? payload : Arrays.copyOf(payload, MAX_DEAD_PAYLOAD);
        String text = new String(kept, StandardCharsets.UTF_8);
        if (Arrays.equals(text.getBytes(StandardCharsets.UTF_8), kept)) {
            letter.put("payload", text);
        } else {
            letter.put("payloadBase64", Base64.getEncoder().encodeToString(kept));
        }
        if (payload.length > MAX_DEAD_PAYLOAD) {
            letter.put("payloadTruncatedFrom", payload.length);
        }
        if (problem != null && problem.has("errors")) {
            letter.set("errors", problem.get("errors"));
        }
        publish(broker, "dead_letter", topics.deadLetter(), letter, false);
    }

    private void publish(Broker broker, String kind, String topic, JsonNode body, boolean retained) {
        broker.publish(topic, json.writeValueAsBytes(body), retained);
        meters.counter("edge_connector_published_total", "kind", kind).increment();
    }

    /** A topic template with the device and machine type filled in (characters MQTT reserves made harmless). */
    static String topic(String template, String deviceId, String machineType) {
        return template.replace("{deviceId}", safe(deviceId)).replace("{machineType}",
                machineType == null ? "-" : safe(machineType));
    }

    private static String safe(String level) {
        return level.replaceAll("[+#/\\x00]", "_");
    }
}

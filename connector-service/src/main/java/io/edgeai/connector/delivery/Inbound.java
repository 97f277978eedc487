package io.edgeai.connector.delivery;

import io.edgeai.connector.mapping.Mapped;
import java.time.Instant;

/**
 * One message taken from a source and not yet acknowledged to it.
 *
 * @param source    where it came from (MQTT broker, OPC UA endpoint): acknowledged there, counted by its protocol
 * @param session   the source's connection it came on; once that connection is lost an MQTT broker sends the
 *                  message again, so this copy is dropped rather than delivered twice
 * @param messageId the MQTT packet id, acknowledged once the gateway has taken the reading
 * @param qos       0 needs no acknowledgement
 * @param topic     the MQTT topic, or for OPC UA the endpoint and device (dead letters name it)
 */
public record Inbound(Source source, long session, int messageId, int qos, String topic, byte[] payload,
                      Instant arrived, Mapped mapped) {

    /** Whether the source has moved to a new connection since this message came. */
    boolean stale() {
        return session != source.session();
    }
}

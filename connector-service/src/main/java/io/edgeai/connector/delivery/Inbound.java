package io.edgeai.connector.delivery;

import io.edgeai.connector.mapping.Mapped;
import java.time.Instant;

/**
 * One message taken from the broker and not yet acknowledged to it.
 *
 * @param session   the broker connection it came on; once that connection is lost the broker sends the message
 *                  again, so this copy is dropped rather than delivered twice
 * @param messageId the MQTT packet id, acknowledged once the gateway has taken the reading
 * @param qos       0 needs no acknowledgement
 */
public record Inbound(long session, int messageId, int qos, String topic, byte[] payload, Instant arrived,
                      Mapped mapped) {
}

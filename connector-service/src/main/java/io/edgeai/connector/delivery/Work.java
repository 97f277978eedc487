package io.edgeai.connector.delivery;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One reading ready for the gateway and the messages it was made of (one, or several sensor values of a frame):
 * they are acknowledged together once the gateway has taken the reading.
 */
record Work(String deviceId, String machineType, ObjectNode reading, List<Inbound> messages) {

    boolean stale() {
        return messages.stream().anyMatch(Inbound::stale);
    }

    String protocol() {
        return messages.get(0).source().protocol();
    }
}

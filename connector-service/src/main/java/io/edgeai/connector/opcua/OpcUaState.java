package io.edgeai.connector.opcua;

import java.util.Map;

/**
 * An OPC UA endpoint as health and the status endpoint show it.
 *
 * @param trigger        {@code all-updated} or {@code periodic}
 * @param nodes          nodes mapped; {@code monitoredItems} of them the server accepted
 * @param nodeProblems   node id to what is wrong with it (unknown to the server, a bad status, not a number)
 */
public record OpcUaState(String endpoint, boolean connected, String lastError, String trigger, int devices,
                         int nodes, int monitoredItems, Map<String, String> nodeProblems) {
}

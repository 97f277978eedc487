package io.edgeai.gateway.spool;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Joins several spooled storage batches into one data-shard request: their readings, predictions and alerts in
 * spool order under a batch id derived from the first and last batch (data-shard's per-record deduplication keeps
 * a regrouped retry from storing anything twice).
 */
@Component
public class BatchMerger {

    private static final String[] LISTS = {"readings", "predictions", "alerts"};

    private final JsonMapper json;

    public BatchMerger(JsonMapper json) {
        this.json = json;
    }

    public byte[] merge(List<SpoolEntry> entries) {
        ObjectNode merged = json.createObjectNode();
        JsonNode first = json.readTree(entries.get(0).payload());
        JsonNode last = entries.size() == 1 ? first : json.readTree(entries.get(entries.size() - 1).payload());
        // ':' because data-shard takes batch ids of letters, digits and . _ : - only (a '+' here once made it refuse
        // every merged group, so each batch was resent alone); first:n:last is unique for a given run of the spool.
        merged.put("batchId", first.path("batchId").asString() + ":" + (entries.size() - 1) + ":"
                + last.path("batchId").asString());
        ArrayNode[] lists = new ArrayNode[LISTS.length];
        for (int i = 0; i < LISTS.length; i++) {
            lists[i] = merged.putArray(LISTS[i]);
        }
        for (SpoolEntry entry : entries) {
            JsonNode batch = entry == entries.get(0) ? first : json.readTree(entry.payload());
            for (int i = 0; i < LISTS.length; i++) {
                batch.path(LISTS[i]).forEach(lists[i]::add);
            }
        }
        return json.writeValueAsBytes(merged);
    }
}

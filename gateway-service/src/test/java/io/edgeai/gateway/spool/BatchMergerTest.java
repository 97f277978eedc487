package io.edgeai.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchMergerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** data-shard's rule for ids (FieldRules.ID, batchId at most 128 characters). */
    static final String DATA_SHARD_ID = "[A-Za-z0-9._:-]{1,128}";

    @Test
    void aMergedGroupKeepsOrderAndCarriesABatchIdDataShardAccepts() {
        List<SpoolEntry> group = List.of(entry(1, UUID.randomUUID().toString(), "r1"),
                entry(2, UUID.randomUUID().toString(), "r2"), entry(3, UUID.randomUUID().toString(), "r3"));

        JsonNode merged = JSON.readTree(new BatchMerger(JSON).merge(group));

        String batchId = merged.path("batchId").asString();
        assertThat(batchId).matches(DATA_SHARD_ID);
        assertThat(batchId).startsWith(JSON.readTree(group.get(0).payload()).path("batchId").asString())
                .endsWith(JSON.readTree(group.get(2).payload()).path("batchId").asString());
        assertThat(merged.path("readings")).extracting(r -> r.path("tag").asString()).containsExactly("r1", "r2", "r3");
        assertThat(merged.path("predictions")).hasSize(3);
        assertThat(merged.path("alerts")).isEmpty();
    }

    private static SpoolEntry entry(long seq, String batchId, String tag) {
        String json = "{\"batchId\":\"" + batchId + "\",\"readings\":[{\"deviceId\":\"d\",\"tag\":\"" + tag + "\"}],"
                + "\"predictions\":[{\"id\":\"p" + seq + "\"}],\"alerts\":[]}";
        return new SpoolEntry(seq, "d", json.getBytes(StandardCharsets.UTF_8));
    }
}

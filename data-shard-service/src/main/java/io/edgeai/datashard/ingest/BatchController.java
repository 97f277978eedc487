package io.edgeai.datashard.ingest;

import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.datashard.ingest.BatchWriter.BatchResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Batch writes of readings, predictions and alert events. */
@RestController
public class BatchController {

    private final BatchWriter writer;

    public BatchController(BatchWriter writer) {
        this.writer = writer;
    }

    /** Stores a batch; a retry with the same batchId answers 200 again without storing anything twice. */
    @PostMapping("/api/v1/storage/batches")
    public BatchResult store(@RequestBody StorageBatch batch) {
        return writer.write(batch);
    }
}

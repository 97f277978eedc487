package io.edgeai.datashard.ingest;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Reading;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.storage.StorageBatch.Prediction;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.contracts.web.InvalidRequestException;
import io.edgeai.datashard.sharding.MisdirectedBatchException;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.BatchPart;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Writes a batch: validates all of it, splits it by shard, then writes each shard's part in one transaction.
 *
 * <p>The write locks of all shards the batch touches are held before the idempotency check, so that a batch id
 * reused with different content is refused before anything is written.
 * A batch whose part in one shard was stored by an earlier attempt stores only the parts that are missing.
 */
@Service
public class BatchWriter {

    private final BatchValidator validator;
    private final ShardRegistry shards;
    private final ShardMetrics metrics;

    public BatchWriter(BatchValidator validator, ShardRegistry shards, ShardMetrics metrics) {
        this.validator = validator;
        this.shards = shards;
        this.metrics = metrics;
    }

    /** What happened to a batch, per shard. */
    public record BatchResult(String batchId, boolean duplicate, int readings, int predictions, int alertEvents,
                              int duplicatesSkipped, List<WriteResult> shards) {
    }

    /** Validates the batch, then stores each shard's part; answers 400, 409 or 421 with nothing written. */
    public BatchResult write(StorageBatch batch) {
        validator.validate(batch).throwIfAny();
        Map<Integer, ShardPart> parts = split(batch);
        List<ShardStore> stores = parts.keySet().stream().map(shards::get).toList();
        return ShardStore.holdingWriteLocks(stores, () -> writeParts(batch.batchId(), stores, parts));
    }

    private BatchResult writeParts(String batchId, List<ShardStore> stores, Map<Integer, ShardPart> parts) {
        Map<Integer, String> digests = new TreeMap<>();
        Map<Integer, Boolean> stored = new TreeMap<>();
        List<FieldViolation> conflicts = new ArrayList<>();
        for (ShardStore store : stores) {
            String digest = parts.get(store.shard()).digest();
            digests.put(store.shard(), digest);
            Optional<String> previous = store.ingested().digest(batchId);
            stored.put(store.shard(), previous.isPresent());
            if (previous.isPresent() && !previous.get().equals(digest)) {
                conflicts.add(new FieldViolation("batchId", "batch " + batchId
                        + " was already stored with different content (shard " + store.shard() + ")"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, conflicts);
        }
        List<WriteResult> results = new ArrayList<>();
        for (ShardStore store : stores) {
            ShardPart part = parts.get(store.shard());
            results.add(stored.get(store.shard()) ? duplicate(store, part)
                    : writePart(store, part.toStorage(batchId, digests.get(store.shard()))));
        }
        return new BatchResult(batchId, results.stream().allMatch(WriteResult::duplicateBatch),
                results.stream().mapToInt(WriteResult::readings).sum(),
                results.stream().mapToInt(WriteResult::predictions).sum(),
                results.stream().mapToInt(WriteResult::alertEvents).sum(),
                results.stream().mapToInt(WriteResult::duplicatesSkipped).sum(), results);
    }

    private WriteResult duplicate(ShardStore store, ShardPart part) {
        WriteResult duplicate = new WriteResult(store.shard(), true, 0, 0, 0, part.size());
        metrics.written(duplicate);
        return duplicate;
    }

    private WriteResult writePart(ShardStore store, BatchPart part) {
        try {
            WriteResult result = metrics.writeTimer(store.shard()).recordCallable(() -> store.batches().write(part));
            metrics.written(result);
            return result;
        } catch (RuntimeException e) {
            metrics.batch(store.shard(), "failed");
            throw e;
        } catch (Exception e) {
            metrics.batch(store.shard(), "failed");
            throw new IllegalStateException(e);
        }
    }

    /** Groups the records by shard; refuses (421) the whole batch when any device belongs to another instance. */
    private Map<Integer, ShardPart> split(StorageBatch batch) {
        Map<Integer, ShardPart> parts = new TreeMap<>();
        List<FieldViolation> misdirected = new ArrayList<>();
        Map<String, Integer> owners = new TreeMap<>();
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading r = batch.readings().get(i);
            ShardPart part = part(parts, "readings[" + i + "].deviceId", r.deviceId(), misdirected, owners);
            if (part != null) {
                part.readings.add(r);
            }
        }
        for (int i = 0; i < batch.predictions().size(); i++) {
            Prediction p = batch.predictions().get(i);
            ShardPart part = part(parts, "predictions[" + i + "].deviceId", p.deviceId(), misdirected, owners);
            if (part != null) {
                part.predictions.add(p);
            }
        }
        for (int i = 0; i < batch.alerts().size(); i++) {
            AlertEvent a = batch.alerts().get(i);
            ShardPart part = part(parts, "alerts[" + i + "].deviceId", a.deviceId(), misdirected, owners);
            if (part != null) {
                part.alerts.add(a);
            }
        }
        if (!misdirected.isEmpty()) {
            throw new MisdirectedBatchException(misdirected, owners);
        }
        return parts;
    }

    private ShardPart part(Map<Integer, ShardPart> parts, String field, String deviceId, List<FieldViolation> misdirected,
                      Map<String, Integer> owners) {
        int shard = shards.shardOf(deviceId);
        if (!shards.owns(deviceId)) {
            int owner = shards.ownerOf(deviceId);
            misdirected.add(new FieldViolation(field, "device " + deviceId + " lives in shard " + shard
                    + ", owned by instance " + owner));
            owners.put(deviceId, owner);
            return null;
        }
        return parts.computeIfAbsent(shard, s -> new ShardPart());
    }
}

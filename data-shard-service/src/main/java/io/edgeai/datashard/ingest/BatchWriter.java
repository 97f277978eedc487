package io.edgeai.datashard.ingest;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Reading;
import io.edgeai.datashard.ingest.StorageBatch.AlertEvent;
import io.edgeai.datashard.ingest.StorageBatch.Prediction;
import io.edgeai.datashard.sharding.ShardMetrics;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import io.edgeai.datashard.web.FieldRules;
import io.edgeai.datashard.web.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Writes a batch: validates all of it, splits it by shard, then writes each shard's part in one transaction.
 *
 * <p>The write locks of all shards the batch touches are taken (in shard order, so batches never deadlock) before
 * the idempotency check, so that a batch id reused with different content is refused before anything is written.
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

    private static final class Part {
        final List<Reading> readings = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();
        final List<AlertEvent> alerts = new ArrayList<>();

        /** A fingerprint of the part's content, to tell a retry from a reused batch id (binary: no formatting). */
        String digest() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(8);
                for (Reading r : readings) {
                    text(sha, r.deviceId());
                    number(sha, buf, r.timestamp().getEpochSecond());
                    number(sha, buf, r.timestamp().getNano());
                    text(sha, r.machineType());
                    r.sensors().forEach((name, m) -> {
                        text(sha, name);
                        number(sha, buf, Double.doubleToLongBits(m.value()));
                        text(sha, m.unit());
                    });
                }
                sha.update((byte) 1);
                text(sha, predictions.toString());
                sha.update((byte) 2);
                text(sha, alerts.toString());
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void text(MessageDigest sha, String s) {
            if (s == null) {
                sha.update((byte) 0);
            } else {
                sha.update(s.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0xff);
            }
        }

        private static void number(MessageDigest sha, ByteBuffer buf, long v) {
            buf.clear();
            sha.update(buf.putLong(v).array());
        }
    }

    public BatchResult write(StorageBatch batch) {
        FieldRules rules = validator.validate(batch);
        rules.throwIfAny();
        Map<Integer, Part> parts = split(batch);
        List<ShardStore> locked = new ArrayList<>();
        try {
            for (int shard : parts.keySet()) {
                ShardStore store = shards.get(shard);
                store.writeLock().lock();
                locked.add(store);
            }
            Map<Integer, String> digests = new TreeMap<>();
            Map<Integer, Boolean> stored = new TreeMap<>();
            List<FieldViolation> conflicts = new ArrayList<>();
            for (ShardStore store : locked) {
                String digest = parts.get(store.shard()).digest();
                digests.put(store.shard(), digest);
                Optional<String> previous = store.batchDigest(batch.batchId());
                stored.put(store.shard(), previous.isPresent());
                if (previous.isPresent() && !previous.get().equals(digest)) {
                    conflicts.add(new FieldViolation("batchId", "batch " + batch.batchId()
                            + " was already stored with different content (shard " + store.shard() + ")"));
                }
            }
            if (!conflicts.isEmpty()) {
                throw new InvalidRequestException(HttpStatus.CONFLICT, conflicts, Map.of());
            }
            List<WriteResult> results = new ArrayList<>();
            for (ShardStore store : locked) {
                results.add(writePart(batch.batchId(), store, parts.get(store.shard()), digests.get(store.shard()),
                        stored.get(store.shard())));
            }
            return new BatchResult(batch.batchId(), results.stream().allMatch(WriteResult::duplicateBatch),
                    results.stream().mapToInt(WriteResult::readings).sum(),
                    results.stream().mapToInt(WriteResult::predictions).sum(),
                    results.stream().mapToInt(WriteResult::alertEvents).sum(),
                    results.stream().mapToInt(WriteResult::duplicatesSkipped).sum(), results);
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).writeLock().unlock();
            }
        }
    }

    private WriteResult writePart(String batchId, ShardStore store, Part part, String digest, boolean alreadyStored) {
        if (alreadyStored) {
            WriteResult duplicate = new WriteResult(store.shard(), true, 0, 0, 0,
                    part.readings.size() + part.predictions.size() + part.alerts.size());
            metrics.written(duplicate);
            return duplicate;
        }
        try {
            WriteResult result = metrics.writeTimer(store.shard()).recordCallable(
                    () -> store.write(batchId, digest, part.readings, part.predictions, part.alerts));
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
    private Map<Integer, Part> split(StorageBatch batch) {
        Map<Integer, Part> parts = new TreeMap<>();
        List<FieldViolation> misdirected = new ArrayList<>();
        Map<String, Object> owners = new TreeMap<>();
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading r = batch.readings().get(i);
            Part part = part(parts, "readings[" + i + "].deviceId", r.deviceId(), misdirected, owners);
            if (part != null) {
                part.readings.add(r);
            }
        }
        for (int i = 0; i < batch.predictions().size(); i++) {
            Prediction p = batch.predictions().get(i);
            Part part = part(parts, "predictions[" + i + "].deviceId", p.deviceId(), misdirected, owners);
            if (part != null) {
                part.predictions.add(p);
            }
        }
        for (int i = 0; i < batch.alerts().size(); i++) {
            AlertEvent a = batch.alerts().get(i);
            Part part = part(parts, "alerts[" + i + "].deviceId", a.deviceId(), misdirected, owners);
            if (part != null) {
                part.alerts.add(a);
            }
        }
        if (!misdirected.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.MISDIRECTED_REQUEST, misdirected, Map.of("owners", owners));
        }
        return parts;
    }

    private Part part(Map<Integer, Part> parts, String field, String deviceId, List<FieldViolation> misdirected,
                      Map<String, Object> owners) {
        int shard = shards.shardOf(deviceId);
        if (!shards.owns(deviceId)) {
            int owner = shards.ownerOf(deviceId);
            misdirected.add(new FieldViolation(field, "device " + deviceId + " lives in shard " + shard
                    + ", owned by instance " + owner));
            owners.put(deviceId, owner);
            return null;
        }
        return parts.computeIfAbsent(shard, s -> new Part());
    }
}

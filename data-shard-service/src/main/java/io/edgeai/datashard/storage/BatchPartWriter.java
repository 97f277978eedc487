package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.StoredRecords.WriteResult;
import java.util.HashSet;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;

/**
 * Stores one shard's part of a batch in one write transaction: its readings, predictions, alert events, the devices'
 * status and the batch id, all of it or nothing. Once the transaction committed (H2 with WRITE_DELAY=0 has written
 * it to the file) the part survives a kill of the process; a part interrupted before that leaves no row, and its
 * retry stores it whole.
 */
public final class BatchPartWriter {

    private final int shard;
    private final WriteTransactions writes;
    private final IngestedBatches batches;
    private final ReadingTable readings;
    private final PredictionTable predictions;
    private final AlertLifecycle alerts;
    private final DeviceStatusTable devices;
    private final DayChanges changes;

    BatchPartWriter(int shard, WriteTransactions writes, IngestedBatches batches, ReadingTable readings,
                    PredictionTable predictions, AlertLifecycle alerts, DeviceStatusTable devices,
                    DayChanges changes) {
        this.shard = shard;
        this.writes = writes;
        this.batches = batches;
        this.readings = readings;
        this.predictions = predictions;
        this.alerts = alerts;
        this.devices = devices;
        this.changes = changes;
    }

    /** Stores the part; records stored before (under any batch id) are skipped and counted. */
    public WriteResult write(BatchPart part) {
        WriteResult result = writeOnce(part);
        // after the commit: a day summary cached before this write is computed again (DayChanges)
        changes.touch(part.readings().stream().map(Reading::timestamp).toList());
        changes.touch(part.predictions().stream().map(PredictionRow::timestamp).toList());
        changes.touch(part.alerts().stream().map(BatchPart.AlertEventRow::timestamp).toList());
        return result;
    }

    private WriteResult writeOnce(BatchPart part) {
        // Most batches are new: insert without looking for duplicates first and let the primary keys object.
        // Only when they do (a record stored before under another batch id) is the part redone record by record.
        if (part.alerts().isEmpty() && !hasInternalDuplicates(part)) {
            try {
                return writes.inWriteTransaction(() -> store(part, false));
            } catch (DuplicateKeyException e) {
                // fall through to the careful path; the failed attempt was rolled back as a whole
            }
        }
        return writes.inWriteTransaction(() -> store(part, true));
    }

    private WriteResult store(BatchPart part, boolean careful) {
        Inserted r = readings.insert(part.readings(), careful);
        Inserted p = predictions.insert(part.batchId(), part.predictions(), careful);
        Inserted a = alerts.apply(part.batchId(), part.alerts());
        devices.update(part.readings(), part.predictions());
        batches.record(part, r.stored(), p.stored(), a.stored());
        return new WriteResult(shard, false, r.stored(), p.stored(), a.stored(),
                r.skipped() + p.skipped() + a.skipped());
    }

    private static boolean hasInternalDuplicates(BatchPart part) {
        Set<ReadingTable.Key> keys = new HashSet<>();
        for (Reading r : part.readings()) {
            if (!keys.add(new ReadingTable.Key(r.deviceId(), EpochMicros.of(r.timestamp())))) {
                return true;
            }
        }
        Set<String> ids = new HashSet<>();
        for (PredictionRow p : part.predictions()) {
            if (!ids.add(p.id())) {
                return true;
            }
        }
        return false;
    }
}

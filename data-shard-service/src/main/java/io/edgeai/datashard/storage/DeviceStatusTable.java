package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.StoredRecords.DeviceStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code device_status} table: every device of the shard and its latest prediction, updated in the same
 * transaction as the batch part that brought it, so the status never runs ahead of the stored predictions.
 */
public final class DeviceStatusTable {

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;
    private final ReadingTable readings;
    private final AlertLifecycle alerts;
    private final int shard;
    /** Devices that have a row; added only once their insert committed, read only inside a write transaction. */
    private final Set<String> knownDevices = new HashSet<>();

    DeviceStatusTable(JdbcTemplate jdbc, WriteTransactions writes, ReadingTable readings, AlertLifecycle alerts,
                      int shard) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.readings = readings;
        this.alerts = alerts;
        this.shard = shard;
        this.knownDevices.addAll(jdbc.queryForList("SELECT device_id FROM device_status", String.class));
    }

    /** Adds the devices seen for the first time and moves each device's status to its latest prediction. */
    void update(List<Reading> newReadings, List<PredictionRow> predictions) {
        writes.require();
        Map<String, PredictionRow> lastPrediction = new HashMap<>();
        for (PredictionRow p : predictions) {
            lastPrediction.merge(p.deviceId(), p, (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
        }
        Set<String> added = new HashSet<>();
        for (Reading r : newReadings) {
            addIfNew(r.deviceId(), added);
        }
        for (PredictionRow p : lastPrediction.values()) {
            addIfNew(p.deviceId(), added);
            long predictionUs = EpochMicros.of(p.timestamp());
            jdbc.update("UPDATE device_status SET prediction_us = ?, prediction_id = ?, status = ?,"
                            + " predicted_class = ?, model = ?, model_version = ? WHERE device_id = ?"
                            + " AND (prediction_us IS NULL OR prediction_us <= ?)",
                    predictionUs, p.id(), p.status(), p.predictedClass(), p.model(), p.version(),
                    p.deviceId(), predictionUs);
        }
        if (!added.isEmpty()) {
            // A rolled-back insert must not be remembered, or the device would never get its row.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    knownDevices.addAll(added);
                }
            });
        }
    }

    private void addIfNew(String deviceId, Set<String> added) {
        if (!knownDevices.contains(deviceId) && added.add(deviceId)) {
            jdbc.update("INSERT INTO device_status (device_id) VALUES (?)", deviceId);
        }
    }

    /** The latest status of every device in this shard, by device id. */
    public List<DeviceStatus> all() {
        Map<String, Integer> open = alerts.openPerDevice();
        return jdbc.query("SELECT device_id, prediction_us, prediction_id, status, predicted_class, model,"
                        + " model_version FROM device_status ORDER BY device_id",
                (rs, i) -> new DeviceStatus(rs.getString(1), shard, null, EpochMicros.column(rs, "prediction_us"),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        open.getOrDefault(rs.getString(1), 0)))
                .stream()
                .map(d -> new DeviceStatus(d.deviceId(), shard,
                        readings.lastMicros(d.deviceId()).map(EpochMicros::toInstant).orElse(null),
                        d.predictionAt(), d.predictionId(), d.status(), d.predictedClass(), d.model(), d.version(),
                        d.openAlerts()))
                .toList();
    }
}

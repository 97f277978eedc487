package io.edgeai.datashard.storage;

import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.StoredRecords.PredictionRef;
import io.edgeai.datashard.storage.StoredRecords.StoredPrediction;
import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code prediction} table, keyed by prediction id (the id operator feedback refers to): a prediction sent
 * twice is stored once. Written in the same transaction as the readings of its batch part, so both survive a kill
 * or neither does; rows leave only through retention.
 */
public final class PredictionTable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Double>> PROBABILITIES = new TypeReference<>() { };
    private static final String RUL = io.edgeai.contracts.model.Regression.RUL;

    private final JdbcTemplate jdbc;
    private final WriteTransactions writes;

    PredictionTable(JdbcTemplate jdbc, WriteTransactions writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** Inserts the predictions; with {@code careful} those already stored are skipped (see ReadingTable#insert). */
    Inserted insert(String batchId, List<PredictionRow> predictions, boolean careful) {
        writes.require();
        if (predictions.isEmpty()) {
            return Inserted.NOTHING;
        }
        Set<String> existing = careful ? ExistingIds.in(jdbc, "prediction", "prediction_id",
                predictions.stream().map(PredictionRow::id).toList()) : new HashSet<>();
        List<Object[]> rows = new ArrayList<>(predictions.size());
        int skipped = 0;
        for (PredictionRow p : predictions) {
            if (!existing.add(p.id())) {
                skipped++;
                continue;
            }
            Map<String, Double> values = p.probabilities() == null ? Map.of() : p.probabilities();
            rows.add(new Object[] {p.id(), p.deviceId(), EpochMicros.of(p.timestamp()), p.model(), p.version(),
                    p.status(), p.predictedClass(), JSON.writeValueAsString(p.probabilities()), batchId,
                    values.get(RUL), values.get(RUL + "_lower"), values.get(RUL + "_upper")});
        }
        // a RUL model's outputs (rul, rul_lower, rul_upper) also go to their own columns (V4); null otherwise
        jdbc.batchUpdate("INSERT INTO prediction (prediction_id, device_id, ts_us, model, model_version, status,"
                + " predicted_class, probabilities, batch_id, rul, rul_lower, rul_upper)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return new Inserted(rows.size(), skipped);
    }

    /** A prediction as feedback needs it: which reading it was for and what it said. */
    public Optional<PredictionRef> find(String predictionId) {
        return jdbc.query("SELECT prediction_id, device_id, ts_us, predicted_class FROM prediction"
                        + " WHERE prediction_id = ?",
                (rs, i) -> new PredictionRef(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                predictionId).stream().findFirst();
    }

    /** Adds to each reading of a device's history page the predictions made for it. */
    void attachTo(String deviceId, List<StoredReading> page) {
        if (page.isEmpty()) {
            return;
        }
        Map<Instant, StoredReading> byTime = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (StoredReading r : page) {
            byTime.put(r.timestamp(), r);
            long us = EpochMicros.of(r.timestamp());
            min = Math.min(min, us);
            max = Math.max(max, us);
        }
        jdbc.query("SELECT prediction_id, ts_us, model, model_version, status, predicted_class, probabilities, rul"
                + " FROM prediction WHERE device_id = ? AND ts_us BETWEEN ? AND ?", rs -> {
                    Instant at = EpochMicros.toInstant(rs.getLong(2));
                    StoredReading reading = byTime.get(at);
                    if (reading != null) {
                        reading.predictions().add(new StoredPrediction(rs.getString(1), at, rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6),
                                JSON.readValue(rs.getString(7), PROBABILITIES), rs.getObject(8, Double.class)));
                    }
                }, deviceId, min, max);
    }
}

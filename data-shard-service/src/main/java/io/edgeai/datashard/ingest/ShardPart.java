package io.edgeai.datashard.ingest;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.storage.StorageBatch.Prediction;
import io.edgeai.datashard.storage.BatchPart.AlertEventRow;
import io.edgeai.datashard.storage.BatchPart.PredictionRow;
import io.edgeai.datashard.storage.BatchPart;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The records of a batch that belong to one shard, as received, and their mapping to what storage keeps. */
final class ShardPart {

    final List<Reading> readings = new ArrayList<>();
    final List<Prediction> predictions = new ArrayList<>();
    final List<AlertEvent> alerts = new ArrayList<>();

    int size() {
        return readings.size() + predictions.size() + alerts.size();
    }

    /** What storage writes for this part. */
    BatchPart toStorage(String batchId, String digest) {
        List<PredictionRow> rows = new ArrayList<>(predictions.size());
        for (Prediction p : predictions) {
            rows.add(new PredictionRow(p.effectiveId(), p.deviceId(), p.timestamp(), p.model(), p.version(),
                    p.status(), predictedClass(p), p.probabilities()));
        }
        List<AlertEventRow> events = new ArrayList<>(alerts.size());
        for (AlertEvent a : alerts) {
            events.add(new AlertEventRow(a.alertId(), a.deviceId(), a.timestamp(), type(a), a.severity(), a.mode(),
                    a.explanation()));
        }
        return new BatchPart(batchId, digest, readings, rows, events);
    }

    /**
     * A fingerprint of the part's content, to tell a retry from a reused batch id. It is stored with the batch id, so
     * it must stay the same across releases: predictions and alert events are written out field by field in the
     * text the first release hashed (its wire records' toString), whatever the wire records look like now.
     */
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
            text(sha, listText(predictions.stream().map(ShardPart::predictionText).toList()));
            sha.update((byte) 2);
            text(sha, listText(alerts.stream().map(ShardPart::alertText).toList()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String predictionText(Prediction p) {
        return "Prediction[id=" + p.id() + ", deviceId=" + p.deviceId() + ", timestamp=" + p.timestamp()
                + ", model=" + p.model() + ", version=" + p.version() + ", probabilities=" + p.probabilities()
                + ", status=" + p.status() + "]";
    }

    private static String alertText(AlertEvent a) {
        return "AlertEvent[alertId=" + a.alertId() + ", deviceId=" + a.deviceId() + ", timestamp=" + a.timestamp()
                + ", type=" + type(a) + ", severity=" + a.severity() + ", failureMode=" + a.mode() + "]";
    }

    private static String type(AlertEvent a) {
        return a.event() == null ? null : a.event().name();
    }

    /** The class with the highest probability: the model's answer, stored beside the probabilities. */
    private static String predictedClass(Prediction p) {
        return p.probabilities().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(null);
    }

    private static String listText(List<String> items) {
        return "[" + String.join(", ", items) + "]";
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

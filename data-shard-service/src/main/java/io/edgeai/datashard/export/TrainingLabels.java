package io.edgeai.datashard.export;

import io.edgeai.datashard.storage.DeviceWindow;
import io.edgeai.datashard.storage.EpochMicros;
import io.edgeai.datashard.storage.ShardStore;
import io.edgeai.datashard.storage.StoredRecords.FeedbackVerdict;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The training-label rule: which stored readings carry a label for fine-tuning, and which label.
 *
 * <p>A label comes from operator feedback (the latest one wins; "correct" confirms the model's class, or {@code none}
 * when the model said NORMAL; otherwise the actual failure mode counts), or else from a confirmed alert (the reading
 * at the alert's raise time gets the alert's failure mode). An alert marked as a false alarm labels nothing.
 */
public final class TrainingLabels {

    private TrainingLabels() {
    }

    /** Where a label comes from. */
    private record Label(String failureMode, String source, String reference) {
    }

    /** A labelled reading's place: device and time. */
    private record Key(String device, long ts) {
    }

    /**
     * The labelled readings of one shard timed in [fromUs, toUs) (null: unbounded), of one device or (null) all,
     * by device and then oldest first.
     */
    public static void of(ShardStore store, String deviceId, Long fromUs, Long toUs, Consumer<LabelledReading> sink) {
        DeviceWindow window = DeviceWindow.of(deviceId, fromUs, toUs);
        Map<Key, Label> labels = new TreeMap<>(Comparator.comparing(Key::device).thenComparingLong(Key::ts));
        store.alerts().confirmed(window, a -> labels.put(new Key(a.deviceId(), a.raisedUs()),
                new Label(a.failureMode(), "alert", a.alertId())));
        // Verdicts come oldest first, so a later one replaces an earlier one, and any verdict replaces an alert's.
        store.feedback().verdicts(window, v -> labels.put(new Key(v.deviceId(), v.readingTsUs()),
                new Label(failureMode(v), "feedback", v.feedbackId())));
        labels.forEach((key, label) -> store.readings().at(key.device(), key.ts()).ifPresent(r ->
                sink.accept(new LabelledReading(key.device(), EpochMicros.toInstant(key.ts()), r.machineType(),
                        r.sensors(), label.failureMode(), label.source(), label.reference()))));
    }

    private static String failureMode(FeedbackVerdict v) {
        if (!v.correct()) {
            return v.actualFailureMode();
        }
        // "Correct" on a NORMAL prediction confirms a healthy machine, whatever class was most probable.
        return "NORMAL".equals(v.predictionStatus()) ? "none" : v.predictedClass();
    }
}

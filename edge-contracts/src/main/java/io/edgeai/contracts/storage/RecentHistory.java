package io.edgeai.contracts.storage;

import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.List;

/**
 * data-shard's answer to a {@link RecentHistoryQuery}: per device, oldest first, the readings and predictions a
 * stage replays to rebuild its state, and the device's alerts that can still change what it decides next.
 *
 * @param devices one entry per device asked for, in the order asked (empty lists for a device never stored)
 */
public record RecentHistory(List<DeviceHistory> devices) {

    public RecentHistory {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /**
     * One device's recent history.
     *
     * @param deviceId    the machine
     * @param readings    its last readings before the cut, oldest first, as they were stored (units as sent)
     * @param predictions the predictions stored for those readings, oldest first (any model)
     * @param alerts      its alerts not cleared yet, and those cleared at or after its oldest returned reading
     *                    (a clear resets postprocessing's debounce memory, so it matters only inside the window)
     */
    public record DeviceHistory(String deviceId, List<Reading> readings, List<StorageBatch.Prediction> predictions,
                                List<AlertState> alerts) {

        public DeviceHistory {
            readings = readings == null ? List.of() : List.copyOf(readings);
            predictions = predictions == null ? List.of() : List.copyOf(predictions);
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
        }
    }

    /**
     * An alert as data-shard keeps it.
     *
     * @param alertId   the id postprocessing gave it ({@code deviceId:mode:raisedAt})
     * @param mode      the label (failure mode)
     * @param severity  as raised
     * @param state     OPEN, ACKNOWLEDGED (both still open: not cleared) or CLEARED
     * @param raisedAt  the raising reading's time (null when the clear arrived first)
     * @param clearedAt the clearing reading's time, or null
     */
    public record AlertState(String alertId, String mode, String severity, String state, Instant raisedAt,
                             Instant clearedAt) {

        /** Not cleared yet (acknowledged or not). */
        public boolean open() {
            return !"CLEARED".equals(state);
        }
    }
}

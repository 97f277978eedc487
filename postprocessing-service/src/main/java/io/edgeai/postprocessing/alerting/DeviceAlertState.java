package io.edgeai.postprocessing.alerting;

import io.edgeai.contracts.alert.AlertEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One device's debounce memory: per mode, whether each of the last n readings was above the high threshold, the
 * current run of readings below the low threshold, and the open alert. Not thread-safe: the tracker locks it.
 */
final class DeviceAlertState {

    final Map<String, ModeState> modes = new HashMap<>(8);
    Instant lastTimestamp;

    ModeState mode(String label, int n) {
        return modes.computeIfAbsent(label, l -> new ModeState(n));
    }

    /** The debounce state of one failure mode. */
    static final class ModeState {
        private final boolean[] above;
        private int next;
        private int count;
        private int aboveCount;
        int belowRun;
        AlertEvent open;

        ModeState(int n) {
            this.above = new boolean[n];
        }

        void push(boolean isAbove) {
            if (count == above.length && above[next]) {
                aboveCount--;
            }
            above[next] = isAbove;
            if (isAbove) {
                aboveCount++;
            }
            next = (next + 1) % above.length;
            count = Math.min(count + 1, above.length);
        }

        int aboveCount() {
            return aboveCount;
        }

        /** Forgets the window so that a new alert needs k fresh readings above high. */
        void reset() {
            java.util.Arrays.fill(above, false);
            next = 0;
            count = 0;
            aboveCount = 0;
            belowRun = 0;
        }
    }
}

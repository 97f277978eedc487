package io.edgeai.contracts.storage;

import java.time.Instant;
import java.util.List;

/**
 * What a stage asks data-shard ({@code POST /api/v1/devices/recent-history}) to rebuild the per-device state it
 * lost in a restart: for each device, its last {@code readings} stored readings before a time, with their
 * predictions and the alerts that still matter (see {@link RecentHistory}).
 *
 * @param devices  the devices, each with the time its history must end before (exclusive; null: the latest)
 * @param readings readings per device, newest kept
 */
public record RecentHistoryQuery(List<DeviceCut> devices, int readings) {

    /** Most devices in one query. */
    public static final int MAX_DEVICES = 1000;
    /** Most readings per device. */
    public static final int MAX_READINGS = 1000;
    /** Most readings one query may return (devices x readings). */
    public static final int MAX_ROWS = 100_000;

    public RecentHistoryQuery {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /**
     * One device and where its history ends.
     *
     * @param deviceId the machine
     * @param before   only readings strictly before this time (the first reading the stage is about to handle);
     *                 null for the newest
     */
    public record DeviceCut(String deviceId, Instant before) {
    }
}

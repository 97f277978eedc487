package io.edgeai.datashard.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rows a labelled export asks for: one device or (null) all, timed in [fromUs, toUs).
 *
 * @param deviceId the device, or null for every device of the shard
 */
public record DeviceWindow(String deviceId, long fromUs, long toUs) {

    /** The window with open ends where a bound is null. */
    public static DeviceWindow of(String deviceId, Long fromUs, Long toUs) {
        return new DeviceWindow(deviceId, fromUs == null ? Long.MIN_VALUE : fromUs,
                toUs == null ? Long.MAX_VALUE : toUs);
    }

    /** The SQL condition on the given columns, to follow a WHERE clause; its values are {@link #args()}. */
    String condition(String timeColumn, String deviceColumn) {
        return timeColumn + " >= ? AND " + timeColumn + " < ?" + (deviceId == null ? "" : " AND " + deviceColumn
                + " = ?");
    }

    Object[] args() {
        List<Object> args = new ArrayList<>(List.of(fromUs, toUs));
        if (deviceId != null) {
            args.add(deviceId);
        }
        return args.toArray();
    }
}

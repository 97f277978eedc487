package io.edgeai.datashard.storage;

import io.edgeai.datashard.storage.StoredRecords.StoredReading;
import java.util.List;

/** Reads a device's history: one page of its readings, each with the predictions made for it. */
public final class DeviceHistory {

    private final ReadingTable readings;
    private final PredictionTable predictions;

    DeviceHistory(ReadingTable readings, PredictionTable predictions) {
        this.readings = readings;
        this.predictions = predictions;
    }

    /** A device's readings in [fromUs, toUs), newest first (or oldest first), with their predictions. */
    public List<StoredReading> page(String deviceId, long fromUs, long toUs, boolean newestFirst, long offset,
                                    int limit) {
        List<StoredReading> page = readings.page(deviceId, fromUs, toUs, newestFirst, offset, limit);
        predictions.attachTo(deviceId, page);
        return page;
    }
}

package io.edgeai.contracts.hub;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One device's summary of one UTC day, as data-shard computes it and a site pushes it to the hub: never a raw
 * reading, only counts and statistics.
 *
 * @param deviceId      the device
 * @param day           the UTC day summarised
 * @param readings      readings stored that day
 * @param sensors       min, mean and max of each sensor over the day's readings, by sensor name
 * @param alertsRaised  alert events of type RAISED that day
 * @param alertsCleared alert events of type CLEARED that day
 * @param modelVersions predictions that day by {@code model/version} (which model versions the site used)
 * @param feedback      operator feedback on the device's predictions of that day (whenever it was given)
 * @param feedbackWrong of that feedback, how much said the prediction was wrong
 */
public record DailyAggregate(String deviceId, LocalDate day, long readings, Map<String, SensorStats> sensors,
                             long alertsRaised, long alertsCleared, Map<String, Long> modelVersions, long feedback,
                             long feedbackWrong) {

    public DailyAggregate {
        // sorted, so the same summary always serialises to the same bytes (the outbox compares them)
        sensors = sensors == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sensors));
        modelVersions = modelVersions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(modelVersions));
    }

    /**
     * One sensor over one day.
     *
     * @param count values seen
     * @param min   smallest value
     * @param mean  arithmetic mean
     * @param max   largest value
     */
    public record SensorStats(long count, double min, double mean, double max) {
    }
}

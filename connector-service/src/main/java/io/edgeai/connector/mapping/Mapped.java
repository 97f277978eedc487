package io.edgeai.connector.mapping;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one message became: a reading, one sensor value of a reading still being gathered, nothing to read, or a
 * refusal.
 */
public sealed interface Mapped {

    /** The device the message is about, or null when even that could not be found. */
    String deviceId();

    /**
     * A whole reading in the gateway's format ({@code timestamp}, {@code machineType}, {@code sensors}).
     *
     * @param machineType null when the message has none
     */
    record ReadingOut(String deviceId, String machineType, ObjectNode reading) implements Mapped {
    }

    /**
     * One sensor's value from a plain numeric payload; a reading is sent once every sensor of {@code frame} has one.
     */
    record SensorValue(String deviceId, String machineType, String sensor, double value, String unit,
                       Instant timestamp, List<String> frame) implements Mapped {
    }

    /**
     * The message is taken but makes no reading (yet): a Sparkplug death, command, or a birth still missing sensors.
     * It is acknowledged, not dead-lettered.
     */
    record Ignored(String deviceId, String reason) implements Mapped {
    }

    /** The message cannot become a reading: it goes to the dead-letter topic with this reason. */
    record Refused(String deviceId, String reason) implements Mapped {
    }
}

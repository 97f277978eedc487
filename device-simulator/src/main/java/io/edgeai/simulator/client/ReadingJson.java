package io.edgeai.simulator.client;

import io.edgeai.simulator.machine.Reading;
import java.util.List;
import java.util.Locale;

/**
 * Writes readings as the gateway's ingest body. Hand-written because the shape is fixed and small, and a JSON
 * library would be the jar's only runtime dependency.
 */
public final class ReadingJson {

    private ReadingJson() {
    }

    /** {@code {"readings":[...]}} for one device's readings, in the given order. */
    public static String body(List<Reading> readings) {
        StringBuilder out = new StringBuilder(260 * readings.size() + 16).append("{\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, readings.get(i));
        }
        return out.append("]}").toString();
    }

    /** One reading as a JSON object, the payload of an MQTT telemetry message. */
    public static String reading(Reading reading) {
        StringBuilder out = new StringBuilder(260);
        append(out, reading);
        return out.toString();
    }

    private static void append(StringBuilder out, Reading r) {
        out.append("{\"deviceId\":");
        string(out, r.deviceId());
        out.append(",\"timestamp\":\"").append(r.timestamp()).append("\",\"machineType\":\"")
                .append(r.machineType().name()).append("\",\"sensors\":{");
        sensor(out, "air_temperature", decimal(r.airTemperature()), "K").append(',');
        sensor(out, "process_temperature", decimal(r.processTemperature()), "K").append(',');
        sensor(out, "rotational_speed", Integer.toString(r.rotationalSpeed()), "rpm").append(',');
        sensor(out, "torque", decimal(r.torque()), "Nm").append(',');
        sensor(out, "tool_wear", Integer.toString(r.toolWear()), "min");
        out.append("}}");
    }

    private static StringBuilder sensor(StringBuilder out, String name, String value, String unit) {
        return out.append('"').append(name).append("\":{\"value\":").append(value)
                .append(",\"unit\":\"").append(unit).append("\"}");
    }

    private static String decimal(double v) {
        // Locale.ROOT: a German default locale would otherwise write "298,1".
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A JSON string literal; device ids come from the command line, so escape what JSON requires. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

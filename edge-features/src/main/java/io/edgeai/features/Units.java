package io.edgeai.features;

import java.util.Locale;
import java.util.Map;

/** Converts a measurement to the unit a model was trained in, for the units factories send most. */
public final class Units {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("k", "K"), Map.entry("kelvin", "K"),
            Map.entry("degc", "degC"), Map.entry("°c", "degC"), Map.entry("c", "degC"), Map.entry("celsius", "degC"),
            Map.entry("degf", "degF"), Map.entry("°f", "degF"), Map.entry("f", "degF"),
            Map.entry("fahrenheit", "degF"),
            Map.entry("rpm", "rpm"), Map.entry("1/min", "rpm"), Map.entry("rad/s", "rad/s"), Map.entry("hz", "Hz"),
            Map.entry("nm", "Nm"), Map.entry("n·m", "Nm"), Map.entry("n.m", "Nm"), Map.entry("knm", "kNm"),
            Map.entry("min", "min"), Map.entry("s", "s"), Map.entry("h", "h"),
            Map.entry("w", "W"), Map.entry("kw", "kW"));

    private Units() {
    }

    /** The canonical spelling of a unit, or null when unknown. */
    public static String canonical(String unit) {
        return unit == null ? null : ALIASES.get(unit.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The value in {@code to}; identical units pass through unchanged.
     *
     * @throws IllegalArgumentException when the units are unknown or not convertible into each other
     */
    public static double convert(double value, String from, String to) {
        if (from == null || to == null || from.equals(to)) {
            return value;
        }
        String f = canonical(from);
        String t = canonical(to);
        if (f == null) {
            throw new IllegalArgumentException("unknown unit '" + from + "'");
        }
        if (t == null) {
            throw new IllegalArgumentException("unknown unit '" + to + "'");
        }
        if (f.equals(t)) {
            return value;
        }
        Double si = toBase(value, f);
        String fromDim = dimension(f);
        if (si == null || !fromDim.equals(dimension(t))) {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to);
        }
        return fromBase(si, t);
    }

    private static String dimension(String unit) {
        return switch (unit) {
            case "K", "degC", "degF" -> "temperature";
            case "rpm", "rad/s", "Hz" -> "rotation";
            case "Nm", "kNm" -> "torque";
            case "min", "s", "h" -> "time";
            case "W", "kW" -> "power";
            default -> "unknown";
        };
    }

    private static Double toBase(double v, String unit) {
        return switch (unit) {
            case "K" -> v;
            case "degC" -> v + 273.15;
            case "degF" -> (v - 32) * 5 / 9 + 273.15;
            case "rpm" -> v;
            case "rad/s" -> v * 60 / (2 * Math.PI);
            case "Hz" -> v * 60;
            case "Nm" -> v;
            case "kNm" -> v * 1000;
            case "min" -> v;
            case "s" -> v / 60;
            case "h" -> v * 60;
            case "W" -> v;
            case "kW" -> v * 1000;
            default -> null;
        };
    }

    private static double fromBase(double v, String unit) {
        return switch (unit) {
            case "K", "rpm", "Nm", "min", "W" -> v;
            case "degC" -> v - 273.15;
            case "degF" -> (v - 273.15) * 9 / 5 + 32;
            case "rad/s" -> v * 2 * Math.PI / 60;
            case "Hz" -> v / 60;
            case "kNm", "kW" -> v / 1000;
            case "s" -> v * 60;
            case "h" -> v / 60;
            default -> throw new IllegalStateException(unit);
        };
    }
}

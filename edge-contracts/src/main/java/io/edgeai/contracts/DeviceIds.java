package io.edgeai.contracts;

import java.util.regex.Pattern;

/**
 * What a device id may look like, everywhere in the suite: 1 to 64 letters, digits and {@code . _ : -}. Ids end up
 * in URL paths, file names and database keys, so the gateway refuses anything else before accepting a reading.
 */
public final class DeviceIds {

    /** Longest device id. */
    public static final int MAX_LENGTH = 64;
    /** The characters a device id may hold. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private DeviceIds() {
    }

    /** Null when the id is valid, else why not. */
    public static String problem(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            return "must not be empty";
        }
        if (deviceId.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, was " + deviceId.length();
        }
        if (!PATTERN.matcher(deviceId).matches()) {
            return "may hold only letters, digits and . _ : -";
        }
        return null;
    }
}

package io.edgeai.contracts.notes;

/** The limits of a note, the same at the gateway (which refuses first) and at data-shard (which stores). */
public final class NoteLimits {

    /** Longest note text, in characters; longer notes are refused (400 naming {@code text}), never truncated. */
    public static final int MAX_TEXT = 4000;
    /** Longest action (resolution) text, in characters. */
    public static final int MAX_ACTION = 4000;
    /** Longest note id. */
    public static final int MAX_NOTE_ID = 128;
    /** Longest author name. */
    public static final int MAX_AUTHOR = 128;
    /** Most dimensions an embedding may have. */
    public static final int MAX_DIMENSIONS = 4096;
    /** Most similar notes one query may ask for. */
    public static final int MAX_K = 50;

    private NoteLimits() {
    }

    /**
     * Why a note text cannot be stored, or null when it can: required, at most {@code max} characters, no control
     * characters but line breaks and tabs.
     */
    public static String textProblem(String value, int max) {
        if (value == null || value.isBlank()) {
            return "is required";
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters (it has " + value.length() + ")";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "must not contain control characters other than line breaks and tabs";
            }
        }
        return null;
    }
}

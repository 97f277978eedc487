package io.edgeai.contracts.model;

import java.util.regex.Pattern;

/**
 * What a model name may look like, everywhere in the suite: 1 to 64 letters, digits and {@code . _ -}, starting
 * with a letter or digit. A name is a folder of the model repository and a segment of OIP paths, so the
 * gateway, the trainers and the repository all check this one rule.
 */
public final class ModelNames {

    /** Longest model name. */
    public static final int MAX_LENGTH = 64;
    /** The characters a model name may hold. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private ModelNames() {
    }

    /** True when {@code name} is a valid model name. */
    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** Null when the name is valid, else why not (a message that completes "model name ..."). */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, was " + name.length();
        }
        if (!PATTERN.matcher(name).matches()) {
            return "may hold only letters, digits and . _ - and must start with a letter or digit";
        }
        return null;
    }
}

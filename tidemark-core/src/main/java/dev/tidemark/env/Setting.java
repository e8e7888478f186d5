package dev.tidemark.env;

import java.util.regex.Pattern;

/**
 * A value and the variable it was read from ({@code NAME} or {@code NAME_FILE}), which is what messages about it
 * must name.
 */
public record Setting(String variable, String value) {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** The value with surrounding blanks removed. */
    public String stripped() {
        return value.strip();
    }

    /** A CONFIG error about this setting. */
    public dev.tidemark.error.TidemarkException invalid(String problem, String hint) {
        return Environment.error(variable, problem, hint);
    }

    /**
     * {@code text} as it may appear in a message about a value that is not secret: at most 60 characters, control
     * characters replaced by {@code ?}.
     */
    public static String printable(String text) {
        String shortened = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return CONTROL.matcher(shortened).replaceAll("?");
    }
}

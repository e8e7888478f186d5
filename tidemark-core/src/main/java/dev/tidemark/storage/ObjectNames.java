package dev.tidemark.storage;

import java.util.regex.Pattern;

/**
 * The rules every provider applies to object names, so that a name valid for one storage is valid
 * for all of them. A name is one or more segments separated by {@code /}; each segment is non-empty,
 * made of {@code [A-Za-z0-9._-]} and does not start with {@code .} (leading dots are reserved for the
 * providers' own temporary objects, and exclude {@code .} and {@code ..}). Names longer than 512
 * characters are refused.
 */
public final class ObjectNames {
    private static final int MAX_LENGTH = 512;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern PREFIX_CHARACTERS = Pattern.compile("[A-Za-z0-9._/-]*");

    private ObjectNames() {
    }

    /**
     * Returns {@code name} if it is a valid object name.
     *
     * @throws IllegalArgumentException naming the problem otherwise (names come from the catalog, so
     *         an invalid one is a programming error, not a user error)
     */
    public static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("object name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("object name is longer than " + MAX_LENGTH + " characters");
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid object name '" + printable(name)
                        + "': use relative names of [A-Za-z0-9._-] segments separated by '/', none starting with '.'");
            }
        }
        return name;
    }

    /**
     * Returns {@code prefix} if it can start a valid name: the empty string, or characters of
     * {@code [A-Za-z0-9._/-]} without a leading {@code /}, {@code ..} or a {@code /.} sequence.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("object name prefix is null");
        }
        if (prefix.length() > MAX_LENGTH || !PREFIX_CHARACTERS.matcher(prefix).matches()
                || prefix.startsWith("/") || prefix.startsWith(".") || prefix.contains("/.") || prefix.contains("//")) {
            throw new IllegalArgumentException("invalid object name prefix '" + printable(prefix) + "'");
        }
        return prefix;
    }

    /**
     * The prefix a {@code …_PREFIX} setting (or a URL's path) gives, as stored: without leading or trailing slashes,
     * then followed by one {@code /}; empty when it is empty.
     *
     * @throws dev.tidemark.error.TidemarkException CONFIG naming {@code variable} when it is not a valid prefix
     */
    public static String prefixSetting(String variable, String prefix) {
        String trimmed = trimSlashes(prefix);
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            return requireValidPrefix(trimmed + "/");
        } catch (IllegalArgumentException e) {
            throw dev.tidemark.env.Environment.error(variable, "the prefix '" + trimmed.replaceAll("[^\\x20-\\x7e]", "?")
                    + "' is not valid", "use segments of letters, digits, '.', '_' and '-' separated by '/'");
        }
    }

    /** {@code path} without leading and trailing slashes. */
    public static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** {@code text} fit for a one-line message: control characters replaced, cut after 80 characters. */
    public static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}

package dev.tidemark.dialect.postgres;

import dev.tidemark.schema.PortableType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates column defaults between PostgreSQL expressions and portable literals. */
final class PostgresDefaults {
    /** {@code 'text'} optionally followed by casts such as {@code ::character varying} or {@code ::timestamp(3) without time zone}. */
    private static final Pattern QUOTED = Pattern.compile("^'((?:[^']|'')*)'(?:::[a-z][a-z0-9_ .\"(),\\[\\]]*)*$");
    private static final Pattern NUMBER = Pattern.compile("^\\(?(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\)?(?:::[a-z][a-z0-9_ ]*)?$");

    private PostgresDefaults() {
    }

    /**
     * The default as a portable literal in canonical text form, or null when it is an expression
     * (a function call such as {@code now()}) rather than a constant.
     */
    static String portableLiteral(String expression, PortableType type) {
        String trimmed = expression.strip();
        if (type == PortableType.BOOLEAN && (trimmed.equals("true") || trimmed.equals("false"))) {
            return trimmed;
        }
        Matcher quoted = QUOTED.matcher(trimmed);
        if (quoted.matches()) {
            String value = quoted.group(1).replace("''", "'");
            if (type == PortableType.BOOLEAN) {
                return value.equals("t") || value.equals("true") ? "true" : "false";
            }
            return value;
        }
        Matcher number = NUMBER.matcher(trimmed);
        if (number.matches()) {
            return number.group(1);
        }
        return null;
    }

    /** A SQL literal for a portable default value, cast to the column's declared type. */
    static String sqlLiteral(String value, String declaredType) {
        return "'" + value.replace("'", "''") + "'::" + declaredType;
    }
}

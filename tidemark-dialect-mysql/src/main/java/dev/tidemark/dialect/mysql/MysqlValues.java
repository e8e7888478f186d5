package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.PortableType;
import dev.tidemark.types.CanonicalText;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Conversions between canonical text and the text MySQL/MariaDB reads and prints. */
final class MysqlValues {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);

    private MysqlValues() {
    }

    /**
     * The text LOAD DATA receives for a canonical value (before field escaping).
     *
     * @throws IllegalArgumentException when the value is not a valid canonical value of its type or MySQL
     *                                  cannot hold it (NaN and infinities)
     */
    static String toLoadText(LoadKind kind, String value) {
        return switch (kind) {
            case TEXT -> value;
            case BOOLEAN -> CanonicalText.parseBool(value) ? "1" : "0";
            case BINARY -> hexDigits(value);
            case FLOAT -> {
                float f = CanonicalText.parseFloat(value);
                requireFinite(Float.isFinite(f), value);
                // the float's exact value as a double: the server parses a double and narrows it, and the
                // float's own shortest text (3.4028235E38) would overflow that narrowing at the extremes
                yield Double.toString(f);
            }
            case DOUBLE -> {
                double d = CanonicalText.parseDouble(value);
                requireFinite(Double.isFinite(d), value);
                yield Double.toString(d);
            }
            case DATE -> isZeroDate(value) ? value : CanonicalText.date(CanonicalText.parseDate(value));
            case TIME -> timeText(value);
            case TIMESTAMP -> isZeroDate(value) ? value
                    : CanonicalText.isCanonicalTimestamp(value) && isDigit(value.charAt(0))
                    ? withMicroseconds(value, value.length())
                    : DATETIME.format(CanonicalText.parseTimestamp(value));
            case TIMESTAMPTZ -> isZeroDate(value) ? value
                    : CanonicalText.isCanonicalTimestampTz(value) && isDigit(value.charAt(0))
                    ? withMicroseconds(value, value.length() - 3)
                    : DATETIME.format(LocalDateTime.ofInstant(CanonicalText.parseTimestampTz(value), ZoneOffset.UTC));
            case UUID -> CanonicalText.uuid(CanonicalText.parseUuid(value));
        };
    }

    /** The canonical text of a value the server printed for a DATE, TIME or DATETIME column. */
    static String fromServerTemporal(PortableType type, String text) {
        if (text == null || (type != PortableType.TIME && isZeroDate(text))) {
            // zero dates have no canonical form; they travel as the server prints them (docs/types-mysql.md)
            return text;
        }
        return switch (type) {
            case TIME -> text.startsWith("-") || text.indexOf(':') > 2 ? text : CanonicalText.time(CanonicalText.parseTime(text));
            case TIMESTAMP -> CanonicalText.canonicalTimestamp(text);
            default -> text;
        };
    }

    /** The canonical text of a TIMESTAMP value printed in a UTC session. */
    static String fromServerInstant(String text) {
        if (text == null || isZeroDate(text)) {
            return text;
        }
        return CanonicalText.canonicalTimestamp(text) + "+00";
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS.ffffff}, as {@link #DATETIME} prints it, from the first {@code end} characters of
     * a canonical timestamp with a four-digit year: the fraction padded or cut to six digits (the server keeps
     * microseconds; the formatter truncates too).
     */
    private static String withMicroseconds(String canonical, int end) {
        byte[] out = new byte[26];
        int copied = Math.min(end, out.length);
        for (int i = 0; i < copied; i++) {
            out[i] = (byte) canonical.charAt(i);
        }
        out[19] = '.';
        for (int i = Math.max(copied, 20); i < out.length; i++) {
            out[i] = '0';
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A DEFAULT clause literal for a canonical default value. */
    static String defaultLiteral(PortableType type, String value) {
        return switch (type) {
            case BOOLEAN -> CanonicalText.parseBool(value) ? "1" : "0";
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE ->
                    value.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?") ? value : MysqlDdl.literal(value);
            case BINARY -> "x'" + hexDigits(value) + "'";
            case TIMESTAMPTZ, DATE, TIME, TIMESTAMP, UUID -> MysqlDdl.literal(toLoadText(loadKindOf(type), value));
            default -> MysqlDdl.literal(value);
        };
    }

    private static LoadKind loadKindOf(PortableType type) {
        return switch (type) {
            case TIMESTAMPTZ -> LoadKind.TIMESTAMPTZ;
            case DATE -> LoadKind.DATE;
            case TIME -> LoadKind.TIME;
            case TIMESTAMP -> LoadKind.TIMESTAMP;
            default -> LoadKind.UUID;
        };
    }

    static boolean isZeroDate(String text) {
        return text.startsWith("0000-") || text.regionMatches(4, "-00-", 0, 4) || text.regionMatches(7, "-00", 0, 3);
    }

    private static String timeText(String value) {
        String s = value.strip();
        if (s.startsWith("-") || s.indexOf(':') > 2) {
            // MySQL's TIME is also a duration (-838:59:59 to 838:59:59); such values pass through
            return s;
        }
        return TIME.format(CanonicalText.parseTime(s));
    }

    private static String hexDigits(String value) {
        if (!value.startsWith("\\x") || (value.length() & 1) != 0) {
            throw new IllegalArgumentException("not a binary value (\\x followed by hex digit pairs)");
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                throw new IllegalArgumentException("not a binary value (\\x followed by hex digit pairs)");
            }
        }
        return value.substring(2);
    }

    private static void requireFinite(boolean finite, String value) {
        if (!finite) {
            throw new IllegalArgumentException(value + " cannot be stored, MySQL/MariaDB floating-point columns hold finite numbers only");
        }
    }
}

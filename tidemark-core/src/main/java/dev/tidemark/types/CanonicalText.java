package dev.tidemark.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical text form of each portable type's values (docs/TYPES.md). Formatting produces exactly
 * one form per value; parsing also accepts the common variants backends print (ISO 'T' separator,
 * offsets other than UTC), so archives written by other tools still load.
 */
public final class CanonicalText {
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DATE).appendLiteral(' ').append(TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter LENIENT_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private CanonicalText() {
    }

    public static String bool(boolean value) {
        return value ? "true" : "false";
    }

    /** Accepts true/false, t/f, 1/0, yes/no, on/off in any case. */
    public static boolean parseBool(String text) {
        // the canonical forms first: restores check millions of them
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "y", "on":
                return true;
            case "false", "f", "0", "no", "n", "off":
                return false;
            default:
                throw new IllegalArgumentException("not a boolean: " + abbreviate(text));
        }
    }

    /** {@code \x} followed by lowercase hex digits, two per byte. */
    public static String binary(byte[] bytes) {
        return "\\x" + HEX.formatHex(bytes);
    }

    public static byte[] parseBinary(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("binary value does not start with \\x: " + abbreviate(text));
        }
        return HEX.parseHex(text, 2, text.length());
    }

    /** Digits with the value's own scale, never exponent notation: {@code 12.50}, {@code -0.000001}. */
    public static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    /**
     * A decimal string that parses back to the same binary64 value, or {@code NaN}, {@code Infinity},
     * {@code -Infinity}. Integral values within 10^15 have no fraction or exponent: {@code 42}.
     */
    public static String doubleValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (value == 0 && 1 / value < 0) ? "-0" : Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** As {@link #doubleValue} for binary32. */
    public static String floatValue(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e7f) {
            return (value == 0 && 1 / value < 0) ? "-0" : Long.toString((long) value);
        }
        return Float.toString(value);
    }

    public static double parseDouble(String text) {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    public static float parseFloat(String text) {
        return (float) parseDouble(text);
    }

    /** {@code YYYY-MM-DD}. */
    public static String date(LocalDate value) {
        String text = TemporalText.print(value);
        return text != null ? text : DATE.format(value);
    }

    public static LocalDate parseDate(String text) {
        String s = text.strip();
        if (s.length() == 10 && TemporalText.isDate(s, 0)) {
            return TemporalText.date(s, 0);
        }
        return LocalDate.parse(s, DATE);
    }

    /** {@code HH:MM:SS} with a fraction of up to 9 digits, trailing zeros removed, none when zero. */
    public static String time(LocalTime value) {
        return TemporalText.print(value);
    }

    public static LocalTime parseTime(String text) {
        String s = text.strip();
        if (TemporalText.timeEnd(s, 0) == s.length()) {
            return TemporalText.time(s, 0, s.length());
        }
        return LocalTime.parse(s, TIME);
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.fraction]}, fraction as in {@link #time}. */
    public static String timestamp(LocalDateTime value) {
        String text = TemporalText.print(value, "");
        return text != null ? text : TIMESTAMP.format(value);
    }

    /** Accepts a space or 'T' between date and time; an offset, if present, is dropped. */
    public static LocalDateTime parseTimestamp(String text) {
        String s = text.strip();
        int end = TemporalText.dateTimeEnd(s);
        if (end > 0 && (end == s.length() || TemporalText.offsetSeconds(s, end) != TemporalText.NOT_AN_OFFSET)) {
            return TemporalText.dateTime(s, end);
        }
        if (s.length() == 10 && TemporalText.isDate(s, 0)) {
            return TemporalText.date(s, 0).atStartOfDay();
        }
        try {
            return LocalDateTime.parse(s, LENIENT_TIMESTAMP);
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s, DATE).atStartOfDay();
        }
    }

    /**
     * The canonical form of a timestamp text, the same as {@code timestamp(parseTimestamp(text))}; text that
     * is already nearly canonical (a fraction with trailing zeros, as servers print fixed-precision columns)
     * is trimmed instead of parsed.
     */
    public static String canonicalTimestamp(String text) {
        int end = TemporalText.dateTimeEnd(text);
        if (end == text.length() && text.charAt(10) == ' ') {
            if (end == 19 || text.charAt(end - 1) != '0') {
                return text;
            }
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            return text.substring(0, text.charAt(end - 1) == '.' ? end - 1 : end);
        }
        return timestamp(parseTimestamp(text));
    }

    /** The instant in UTC: {@code YYYY-MM-DD HH:MM:SS[.fraction]+00}, as PostgreSQL prints it with TimeZone=UTC. */
    public static String timestampTz(Instant value) {
        LocalDateTime utc = LocalDateTime.ofInstant(value, ZoneOffset.UTC);
        String text = TemporalText.print(utc, "+00");
        return text != null ? text : TIMESTAMP.format(utc) + "+00";
    }

    public static String timestampTz(OffsetDateTime value) {
        return timestampTz(value.toInstant());
    }

    /** Accepts any offset ({@code +00}, {@code +02:00}, {@code Z}) and a space or 'T'; no offset means UTC. */
    public static Instant parseTimestampTz(String text) {
        String s = text.strip();
        int end = TemporalText.dateTimeEnd(s);
        if (end > 0) {
            int offset = end == s.length() ? 0 : TemporalText.offsetSeconds(s, end);
            if (offset != TemporalText.NOT_AN_OFFSET) {
                return TemporalText.dateTime(s, end).toInstant(ZoneOffset.ofTotalSeconds(offset));
            }
        }
        var parsed = LENIENT_TIMESTAMP.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** Whether {@code text} is already in the canonical timestamp form (so it can be passed through). */
    public static boolean isCanonicalTimestamp(String text) {
        // fast path for the common shape: checking millions of values must not parse each one
        if (text.length() >= 19 && text.charAt(10) == ' ' && TemporalText.isDate(text, 0)
                && isCanonicalTimeAt(text, 11)) {
            return true;
        }
        try {
            return timestamp(LocalDateTime.parse(text, TIMESTAMP)).equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Whether {@code text} is already in the canonical date form {@code YYYY-MM-DD}. */
    public static boolean isCanonicalDate(String text) {
        if (text.length() == 10 && TemporalText.isDate(text, 0)) {
            return true;
        }
        try {
            return date(LocalDate.parse(text, DATE)).equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Whether {@code text} is already in the canonical time form {@code HH:MM:SS[.fraction]}. */
    public static boolean isCanonicalTime(String text) {
        if (isCanonicalTimeAt(text, 0)) {
            return true;
        }
        try {
            return time(LocalTime.parse(text, TIME)).equals(text);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Whether {@code text} is already in the canonical UTC form {@code YYYY-MM-DD HH:MM:SS[.fraction]+00}. */
    public static boolean isCanonicalTimestampTz(String text) {
        return text.endsWith("+00") && isCanonicalTimestamp(text.substring(0, text.length() - 3));
    }

    /** {@code HH:MM:SS[.fraction]} up to the end of {@code text}, fraction without trailing zeros. */
    private static boolean isCanonicalTimeAt(String text, int from) {
        int length = text.length() - from;
        if (length < 8 || text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
            return false;
        }
        int hour = TemporalText.digits(text, from, 2);
        int minute = TemporalText.digits(text, from + 3, 2);
        int second = TemporalText.digits(text, from + 6, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        if (length == 8) {
            return true;
        }
        int fraction = length - 9;
        return text.charAt(from + 8) == '.' && fraction >= 1 && fraction <= 9
                && TemporalText.digits(text, from + 9, fraction) >= 0 && text.charAt(text.length() - 1) != '0';
    }

    /** Lowercase 8-4-4-4-12 hex. */
    public static String uuid(java.util.UUID value) {
        return value.toString();
    }

    public static java.util.UUID parseUuid(String text) {
        String s = text.strip();
        if (s.length() == 32) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        return java.util.UUID.fromString(s);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

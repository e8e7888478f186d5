package dev.tidemark.types;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Reads and prints the common shapes of dates and times by hand: a four-digit year, two-digit fields, a real
 * calendar day, a time of day within 00:00:00..23:59:59 and a fraction of 1 to 9 digits. Snapshots and restores
 * convert millions of these, and a {@code DateTimeFormatter} per value dominated their CPU time.
 *
 * <p>Every scanning method answers "not this shape" (-1, null, {@link #NOT_AN_OFFSET}) for anything else, and
 * {@link CanonicalText} then falls back to its formatters, which remain the definition of what is accepted and
 * how unusual input resolves (e.g. day 30 of February, hour 24). For the shapes accepted here both give the same
 * value.
 */
final class TemporalText {
    static final int NOT_AN_OFFSET = Integer.MIN_VALUE;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private TemporalText() {
    }

    /** The index after {@code YYYY-MM-DD(' '|'T')HH:MM:SS[.f]} at the start of {@code text}, or -1. */
    static int dateTimeEnd(String text) {
        if (text.length() < 19 || !isDate(text, 0)) {
            return -1;
        }
        char separator = text.charAt(10);
        return separator == ' ' || separator == 'T' ? timeEnd(text, 11) : -1;
    }

    /** The index after {@code HH:MM:SS[.f]} at {@code from}, or -1. */
    static int timeEnd(String text, int from) {
        if (text.length() < from + 8 || text.charAt(from + 2) != ':' || text.charAt(from + 5) != ':') {
            return -1;
        }
        int hour = digits(text, from, 2);
        int minute = digits(text, from + 3, 2);
        int second = digits(text, from + 6, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        int end = from + 8;
        if (end == text.length() || text.charAt(end) != '.') {
            return end;
        }
        int fractionEnd = end + 1;
        while (fractionEnd < text.length() && isDigit(text.charAt(fractionEnd))) {
            fractionEnd++;
        }
        int fractionDigits = fractionEnd - end - 1;
        return fractionDigits >= 1 && fractionDigits <= 9 ? fractionEnd : -1;
    }

    /** {@code YYYY-MM-DD} with a four-digit year and a day that exists, at {@code from}. */
    static boolean isDate(String text, int from) {
        if (text.length() < from + 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
            return false;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
    }

    /** The date at {@code from}; only after {@link #isDate} said yes. */
    static LocalDate date(String text, int from) {
        return LocalDate.of(digits(text, from, 4), digits(text, from + 5, 2), digits(text, from + 8, 2));
    }

    /** The time from {@code from} to {@code end}; only after {@link #timeEnd} returned {@code end}. */
    static LocalTime time(String text, int from, int end) {
        int nano = 0;
        int fractionDigits = end - from - 9;
        if (fractionDigits > 0) {
            nano = digits(text, from + 9, fractionDigits) * POWERS_OF_TEN[9 - fractionDigits];
        }
        return LocalTime.of(digits(text, from, 2), digits(text, from + 3, 2), digits(text, from + 6, 2), nano);
    }

    /** The date and time of a text whose {@link #dateTimeEnd} is {@code end}. */
    static LocalDateTime dateTime(String text, int end) {
        return LocalDateTime.of(date(text, 0), time(text, 11, end));
    }

    /**
     * Seconds east of UTC of {@code Z}, {@code ±HH} or {@code ±HH:MM} filling {@code text} from {@code from} to
     * its end, or {@link #NOT_AN_OFFSET}.
     */
    static int offsetSeconds(String text, int from) {
        int length = text.length() - from;
        if (length == 1 && text.charAt(from) == 'Z') {
            return 0;
        }
        if (length != 3 && length != 6) {
            return NOT_AN_OFFSET;
        }
        char sign = text.charAt(from);
        int hours = digits(text, from + 1, 2);
        int minutes = 0;
        if (length == 6) {
            minutes = text.charAt(from + 3) == ':' ? digits(text, from + 4, 2) : -1;
        }
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
            return NOT_AN_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (seconds > MAX_OFFSET_SECONDS) {
            return NOT_AN_OFFSET;
        }
        return sign == '-' ? -seconds : seconds;
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS[.fraction]} followed by {@code suffix}, the fraction without trailing zeros;
     * null when the year has no four-digit form.
     */
    static String print(LocalDateTime value, String suffix) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        byte[] out = new byte[29 + suffix.length()];
        writeDate(out, year, value.getMonthValue(), value.getDayOfMonth());
        out[10] = ' ';
        int end = writeTime(out, 11, value.getHour(), value.getMinute(), value.getSecond(), value.getNano());
        for (int i = 0; i < suffix.length(); i++) {
            out[end++] = (byte) suffix.charAt(i);
        }
        return new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** {@code YYYY-MM-DD}; null when the year has no four-digit form. */
    static String print(LocalDate value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        byte[] out = new byte[10];
        writeDate(out, year, value.getMonthValue(), value.getDayOfMonth());
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@code HH:MM:SS[.fraction]}, the fraction without trailing zeros. */
    static String print(LocalTime value) {
        byte[] out = new byte[18];
        int end = writeTime(out, 0, value.getHour(), value.getMinute(), value.getSecond(), value.getNano());
        return new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static void writeDate(byte[] out, int year, int month, int day) {
        writeDigits(out, 0, year, 4);
        out[4] = '-';
        writeDigits(out, 5, month, 2);
        out[7] = '-';
        writeDigits(out, 8, day, 2);
    }

    private static int writeTime(byte[] out, int from, int hour, int minute, int second, int nano) {
        writeDigits(out, from, hour, 2);
        out[from + 2] = ':';
        writeDigits(out, from + 3, minute, 2);
        out[from + 5] = ':';
        writeDigits(out, from + 6, second, 2);
        int end = from + 8;
        if (nano == 0) {
            return end;
        }
        out[end] = '.';
        writeDigits(out, end + 1, nano, 9);
        end += 10;
        while (out[end - 1] == '0') {
            end--;
        }
        return end;
    }

    private static void writeDigits(byte[] out, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    static int digits(String text, int from, int count) {
        if (text.length() < from + count) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

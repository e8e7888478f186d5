package dev.tidemark.types;

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
import java.util.Locale;

/**
 * The canonical temporal forms defined by DateTimeFormatter alone, as CanonicalText did before its hand-written
 * fast paths: the tests require both to agree on every input, accepted or rejected.
 */
final class FormatterReference {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DATE).appendLiteral(' ').append(TIME)
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter LENIENT_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private FormatterReference() {
    }

    static LocalDate parseDate(String text) {
        return LocalDate.parse(text.strip(), DATE);
    }

    static LocalTime parseTime(String text) {
        return LocalTime.parse(text.strip(), TIME);
    }

    static LocalDateTime parseTimestamp(String text) {
        try {
            return LocalDateTime.parse(text.strip(), LENIENT_TIMESTAMP);
        } catch (DateTimeParseException e) {
            return LocalDate.parse(text.strip(), DATE).atStartOfDay();
        }
    }

    static Instant parseTimestampTz(String text) {
        var parsed = LENIENT_TIMESTAMP.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    static String timestamp(LocalDateTime value) {
        return TIMESTAMP.format(value);
    }

    static String timestampTz(Instant value) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(value, ZoneOffset.UTC)) + "+00";
    }
}

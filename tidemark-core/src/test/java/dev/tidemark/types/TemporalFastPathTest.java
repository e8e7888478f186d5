package dev.tidemark.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written temporal parsing and printing give what the DateTimeFormatters give, on every input. */
class TemporalFastPathTest {

    static Stream<String> timestampTexts() {
        List<String> texts = new ArrayList<>(List.of(
                // fractions of 0..9 digits, and 10 (too many)
                "2024-06-01 14:00:00", "2024-06-01 14:00:00.1", "2024-06-01 14:00:00.12", "2024-06-01 14:00:00.123",
                "2024-06-01 14:00:00.1234", "2024-06-01 14:00:00.12345", "2024-06-01 14:00:00.123456",
                "2024-06-01 14:00:00.1234567", "2024-06-01 14:00:00.12345678", "2024-06-01 14:00:00.123456789",
                "2024-06-01 14:00:00.1234567891", "2024-06-01 14:00:00.", "2024-06-01 14:00:00.000000",
                "2024-06-01 14:00:00.500", "2024-06-01 14:00:00,5",
                // separators and case
                "2024-06-01T14:00:00", "2024-06-01t14:00:00", "2024-06-0114:00:00", "2024-06-01 T14:00:00",
                "2024-06-01  14:00:00", " 2024-06-01 14:00:00 ", "\t2024-06-01 14:00:00+02\n",
                // offsets
                "2024-06-01 14:00:00+00", "2024-06-01 14:00:00-00", "2024-06-01 14:00:00+02", "2024-06-01 14:00:00-07",
                "2024-06-01 14:00:00+05:30", "2024-06-01 14:00:00-09:30", "2024-06-01 14:00:00.25+01:00",
                "2024-06-01 14:00:00Z", "2024-06-01 14:00:00z", "2024-06-01 14:00:00+18", "2024-06-01 14:00:00-18:00",
                "2024-06-01 14:00:00+18:01", "2024-06-01 14:00:00+19", "2024-06-01 14:00:00+05:60",
                "2024-06-01 14:00:00+0530", "2024-06-01 14:00:00+5", "2024-06-01 14:00:00+05:3",
                "2024-06-01 14:00:00+05:30:15", "2024-06-01 14:00:00 +02", "2024-06-01 14:00:00+02+03",
                "2024-06-01 14:00:00UTC", "2024-06-01 14:00:00+aa",
                // years < 1000, > 9999, BC, year zero
                "0001-01-01 00:00:00", "0999-12-31 23:59:59.999999", "0000-03-01 00:00:00", "0000-02-29 12:00:00",
                "9999-12-31 23:59:59.999999999", "+10000-01-01 00:00:00", "10000-01-01 00:00:00",
                "-0001-12-31 00:00:00", "-10000-01-01 00:00:00", "+0001-01-01 00:00:00", "999-01-01 00:00:00",
                // calendar: leap years, invalid days (the formatter resolves some of them leniently)
                "2024-02-29 00:00:00", "2023-02-29 00:00:00", "2023-02-30 00:00:00", "2023-02-31 00:00:00",
                "1900-02-29 00:00:00", "2000-02-29 00:00:00", "2024-04-31 00:00:00", "2024-04-30 00:00:00",
                "2024-01-32 00:00:00", "2024-00-10 00:00:00", "2024-13-01 00:00:00", "2024-01-00 00:00:00",
                // times: leap second, hour 24, out of range fields
                "2016-12-31 23:59:60", "2024-01-01 24:00:00", "2024-01-01 24:00:01", "2024-01-01 23:60:00",
                "2024-01-01 23:59:59", "2024-01-01 00:00:00", "2024-01-01 9:00:00", "2024-01-01 09:00",
                "2024-01-01 09:00:0", "2024-1-01 10:00:00", "2024-01-1 10:00:00", "2024/01/01 10:00:00",
                // date only, garbage
                "2024-06-01", "2023-02-29", "2023-02-30", " 2024-06-01 ", "2024-06-01 ", "1700000000", "", " ",
                "yesterday", "2024-06-01 14:00:00x", "２０２４-06-01 14:00:00", "2024-06-01 14:00:00.１"));
        Random random = new Random(20261125);
        for (int i = 0; i < 300; i++) {
            LocalDateTime value = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000));
            String text = FormatterReference.timestamp(value);
            texts.add(text);
            texts.add(text + "+00");
            texts.add(text.replace(' ', 'T') + (random.nextBoolean() ? "-03:45" : "Z"));
        }
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("timestampTexts")
    void timestampParsingAgreesWithTheFormatter(String text) {
        assertThat(outcome(CanonicalText::parseTimestamp, text))
                .isEqualTo(outcome(FormatterReference::parseTimestamp, text));
        assertThat(outcome(CanonicalText::parseTimestampTz, text))
                .isEqualTo(outcome(FormatterReference::parseTimestampTz, text));
        assertThat(outcome(CanonicalText::canonicalTimestamp, text))
                .isEqualTo(outcome(t -> FormatterReference.timestamp(FormatterReference.parseTimestamp(t)), text));
    }

    static Stream<String> dateAndTimeTexts() {
        return Stream.of("2024-06-01", "0000-01-01", "0999-12-31", "9999-12-31", "+10000-01-01", "-0001-01-01",
                "2024-02-29", "2023-02-29", "2023-02-31", "2024-04-31", "2024-13-01", "2024-00-01", "2024-1-1",
                " 2024-06-01 ", "2024-06-01x", "", "00:00:00", "23:59:59", "23:59:59.5", "23:59:59.000000001",
                "23:59:59.123456789", "23:59:59.1234567890", "24:00:00", "23:60:00", "23:59:60", "12:00:00.",
                " 12:00:00 ", "12:00", "9:00:00", "12:00:00+01", "12:00:00Z");
    }

    @ParameterizedTest
    @MethodSource("dateAndTimeTexts")
    void dateAndTimeParsingAgreesWithTheFormatters(String text) {
        assertThat(outcome(CanonicalText::parseDate, text)).isEqualTo(outcome(FormatterReference::parseDate, text));
        assertThat(outcome(CanonicalText::parseTime, text)).isEqualTo(outcome(FormatterReference::parseTime, text));
    }

    @Test
    void printingAgreesWithTheFormatters() {
        int[] years = {-10_000, -1, 0, 1, 999, 1000, 1969, 2024, 9999, 10_000, 123_456};
        int[] nanos = {0, 100_000_000, 120_000_000, 123_000_000, 123_400_000, 123_450_000, 123_456_000, 123_456_700,
            123_456_780, 123_456_789, 1, 10, 999_999_999, 500_000_000, 5_000};
        for (int year : years) {
            for (int nano : nanos) {
                LocalDateTime value = LocalDateTime.of(year, 2, 28, 23, 59, 7, nano);
                assertThat(CanonicalText.timestamp(value)).isEqualTo(FormatterReference.timestamp(value));
                assertThat(CanonicalText.time(value.toLocalTime())).isEqualTo(FormatterReference.TIME.format(value.toLocalTime()));
                assertThat(CanonicalText.date(value.toLocalDate())).isEqualTo(FormatterReference.DATE.format(value.toLocalDate()));
                Instant instant = value.toInstant(java.time.ZoneOffset.UTC);
                assertThat(CanonicalText.timestampTz(instant)).isEqualTo(FormatterReference.timestampTz(instant));
            }
        }
        assertThat(CanonicalText.time(LocalTime.MIDNIGHT)).isEqualTo("00:00:00");
        assertThat(CanonicalText.date(LocalDate.of(7, 3, 9))).isEqualTo("0007-03-09");
        assertThat(CanonicalText.timestamp(LocalDateTime.of(-1, 1, 1, 0, 0))).isEqualTo("-0001-01-01 00:00:00");
        assertThat(CanonicalText.timestamp(LocalDateTime.of(10_000, 1, 1, 0, 0))).isEqualTo("+10000-01-01 00:00:00");
    }

    @Test
    void serverTextWithFixedPrecisionBecomesCanonicalByTrimming() {
        assertThat(CanonicalText.canonicalTimestamp("2024-06-01 14:00:00.000000")).isEqualTo("2024-06-01 14:00:00");
        assertThat(CanonicalText.canonicalTimestamp("2024-06-01 14:00:00.120000")).isEqualTo("2024-06-01 14:00:00.12");
        assertThat(CanonicalText.canonicalTimestamp("2024-06-01 14:00:00.000001")).isEqualTo("2024-06-01 14:00:00.000001");
        assertThat(CanonicalText.canonicalTimestamp("2024-06-01 14:00:00")).isEqualTo("2024-06-01 14:00:00");
        assertThat(CanonicalText.canonicalTimestamp("2024-06-01T14:00:00.50")).isEqualTo("2024-06-01 14:00:00.5");
    }

    /** The value's text, or the kind of exception: what a caller can observe. */
    private static <T> String outcome(Function<String, T> parser, String text) {
        try {
            return String.valueOf(parser.apply(text));
        } catch (DateTimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}

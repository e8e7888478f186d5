package dev.tidemark.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalTextTest {

    @Test
    void doublesHaveOneFormThatParsesBackExactly() {
        assertThat(CanonicalText.doubleValue(42.0)).isEqualTo("42");
        assertThat(CanonicalText.doubleValue(-0.0)).isEqualTo("-0");
        assertThat(CanonicalText.doubleValue(0.1)).isEqualTo("0.1");
        assertThat(CanonicalText.doubleValue(Double.NaN)).isEqualTo("NaN");
        assertThat(CanonicalText.doubleValue(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(CanonicalText.doubleValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        for (double value : new double[] {0.1, -0.0, 1e15, 1e16, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE,
                2.2250738585072014E-308, -1.0E-300, Math.PI, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double back = CanonicalText.parseDouble(CanonicalText.doubleValue(value));
            assertThat(Double.doubleToRawLongBits(back)).as("%s", value).isEqualTo(Double.doubleToRawLongBits(value));
        }
        assertThat(Double.isNaN(CanonicalText.parseDouble("NaN"))).isTrue();
    }

    @Test
    void decimalsAreWrittenOutWithTheirScale() {
        assertThat(CanonicalText.decimal(new BigDecimal("12.50"))).isEqualTo("12.50");
        assertThat(CanonicalText.decimal(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
        assertThat(CanonicalText.decimal(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void binaryIsLowercaseHexAfterBackslashX() {
        byte[] bytes = {0, (byte) 0xff, (byte) 0xc3, 0x28};
        assertThat(CanonicalText.binary(bytes)).isEqualTo("\\x00ffc328");
        assertThat(CanonicalText.parseBinary("\\x00FFc328")).isEqualTo(bytes);
        assertThat(CanonicalText.binary(new byte[0])).isEqualTo("\\x");
        assertThatThrownBy(() -> CanonicalText.parseBinary("00ff")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateAndTimeFormsTrimFractions() {
        assertThat(CanonicalText.date(LocalDate.of(1969, 12, 31))).isEqualTo("1969-12-31");
        assertThat(CanonicalText.time(LocalTime.of(23, 59, 59, 500_000_000))).isEqualTo("23:59:59.5");
        assertThat(CanonicalText.timestamp(LocalDateTime.of(2038, 1, 19, 3, 14, 8, 123_456_000)))
                .isEqualTo("2038-01-19 03:14:08.123456");
        assertThat(CanonicalText.timestamp(LocalDateTime.of(1900, 1, 1, 0, 0))).isEqualTo("1900-01-01 00:00:00");
        assertThat(CanonicalText.timestampTz(Instant.parse("1969-07-20T20:17:40Z"))).isEqualTo("1969-07-20 20:17:40+00");
        assertThat(CanonicalText.parseTimestampTz("2024-06-01T14:00:00+02:00"))
                .isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
        assertThat(CanonicalText.parseTimestamp("2024-06-01T14:00:00.25")).isEqualTo(LocalDateTime.of(2024, 6, 1, 14, 0, 0,
                250_000_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01 10:00:00", "2024-02-29 23:59:59.999999", "0001-01-01 00:00:00",
        "9999-12-31 23:59:59.123456789", "+10000-01-01 00:00:00"})
    void canonicalTimestampsAreRecognised(String text) {
        assertThat(CanonicalText.isCanonicalTimestamp(text)).isTrue();
        assertThat(CanonicalText.isCanonicalTimestampTz(text + "+00")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T10:00:00", "2024-01-01 10:00:00.500", "2023-02-29 00:00:00",
        "2024-13-01 00:00:00", "2024-01-01 24:00:00", "2024-01-01 10:00", "2024-01-01", "1700000000",
        "2024-01-01 10:00:00.", "2024-01-01 10:00:00Z", "2024-1-01 10:00:00"})
    void otherTimestampTextIsNotCanonical(String text) {
        assertThat(CanonicalText.isCanonicalTimestamp(text)).isFalse();
    }

    @Test
    void canonicalDatesAndTimesAreRecognised() {
        assertThat(CanonicalText.isCanonicalDate("1969-12-31")).isTrue();
        assertThat(CanonicalText.isCanonicalDate("2023-02-29")).isFalse();
        assertThat(CanonicalText.isCanonicalDate("31.12.1969")).isFalse();
        assertThat(CanonicalText.isCanonicalTime("12:00:00")).isTrue();
        assertThat(CanonicalText.isCanonicalTime("12:00:00.1")).isTrue();
        assertThat(CanonicalText.isCanonicalTime("12:00:00.10")).isFalse();
        assertThat(CanonicalText.isCanonicalTime("12:00")).isFalse();
        assertThat(CanonicalText.isCanonicalTimestampTz("2024-01-01 10:00:00+02")).isFalse();
    }

    @Test
    void booleansAndUuids() {
        assertThat(CanonicalText.bool(true)).isEqualTo("true");
        assertThat(CanonicalText.parseBool("T")).isTrue();
        assertThat(CanonicalText.parseBool("0")).isFalse();
        assertThatThrownBy(() -> CanonicalText.parseBool("maybe")).isInstanceOf(IllegalArgumentException.class);
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(CanonicalText.uuid(uuid)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(CanonicalText.parseUuid("123E4567E89B12D3A456426614174000")).isEqualTo(uuid);
    }
}

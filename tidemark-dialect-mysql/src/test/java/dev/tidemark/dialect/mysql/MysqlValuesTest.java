package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.schema.PortableType;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MysqlValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-06-01 14:00:00", "2024-06-01 14:00:00.5", "2024-06-01 14:00:00.123456",
        "2024-06-01 14:00:00.123456789", "0999-01-01 00:00:00.000001", "2024-06-01T14:00:00.50",
        "2024-06-01 14:00:00.000", "+10000-01-01 00:00:00", "2023-02-30 10:00:00"})
    void timestampsLoadAsTheFormatterPrintsThem(String canonical) {
        var formatter = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        var local = dev.tidemark.types.CanonicalText.parseTimestamp(canonical);
        assertThat(MysqlValues.toLoadText(LoadKind.TIMESTAMP, canonical)).isEqualTo(formatter.format(local));
        assertThat(MysqlValues.toLoadText(LoadKind.TIMESTAMPTZ, canonical + "+00")).isEqualTo(formatter.format(local));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-06-01 14:00:00", "2024-06-01 14:00:00.000000", "2024-06-01 14:00:00.120000",
        "2024-06-01 14:00:00.000001", "1970-01-01 00:00:01.000", "9999-12-31 23:59:59.999999"})
    void serverTimestampsBecomeCanonical(String server) {
        var expected = dev.tidemark.types.CanonicalText.timestamp(dev.tidemark.types.CanonicalText.parseTimestamp(server));
        assertThat(MysqlValues.fromServerTemporal(PortableType.TIMESTAMP, server)).isEqualTo(expected);
        assertThat(MysqlValues.fromServerInstant(server)).isEqualTo(expected + "+00");
        assertThat(MysqlValues.fromServerInstant("0000-00-00 00:00:00")).isEqualTo("0000-00-00 00:00:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "12.50", "-12.50", "-0.01", "100", "-100", "0.000001", "99999999.99",
        "123456789012345678901234567890.123456789"})
    void plainDecimalsAreAlreadyCanonical(String text) {
        assertThat(MysqlTableExporter.isPlainDecimal(text)).isTrue();
        assertThat(new BigDecimal(text).toPlainString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-0.00", "00.5", "007", ".5", "-.5", "5.", "1e5", "1E+3", "+5", "", "-", "1.2.3",
        " 1", "1_0"})
    void otherDecimalTextIsNormalised(String text) {
        assertThat(MysqlTableExporter.isPlainDecimal(text)).isFalse();
    }
}

package dev.tidemark.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void rangesAreContiguousOpenAtBothEndsAndSizedFromTheEstimate() {
        List<KeyRange> ranges = KeyRange.evenSplit("id", 1, 1000, 10_000, 1_000);
        assertThat(ranges).hasSize(10);
        assertThat(ranges.get(0).from()).isNull();
        assertThat(ranges.get(9).to()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).isEqualTo(ranges.get(i - 1).to());
        }
        assertThat(ranges.get(0).to()).isEqualTo(101L);
        assertThat(ranges.get(1).condition("\"id\"")).isEqualTo("\"id\" >= 101 AND \"id\" < 201");
        assertThat(ranges.get(9).condition("`id`")).isEqualTo("`id` >= 901");
    }

    @Test
    void smallTablesAndNarrowKeysAreNotSplitBeyondOneKeyPerRange() {
        assertThat(KeyRange.evenSplit("id", 1, 1000, 999, 1_000)).containsExactly(KeyRange.ALL);
        assertThat(KeyRange.evenSplit("id", 5, 5, 1L << 40, 1_000)).containsExactly(KeyRange.ALL);
        assertThat(KeyRange.evenSplit("id", 1, 3, 1L << 40, 1_000)).hasSize(3);
    }

    @Test
    void theWholeLongRangeSplitsWithoutOverflow() {
        List<KeyRange> ranges = KeyRange.evenSplit("id", Long.MIN_VALUE, Long.MAX_VALUE, 1L << 50, 1L << 20);
        assertThat(ranges).hasSize(10_000);
        assertThat(ranges.get(1).from()).isGreaterThan(Long.MIN_VALUE);
        assertThat(ranges.get(ranges.size() - 1).to()).isNull();
    }

    @Test
    void onlySingleIntegerKeysThatFitALongAreSplitColumns() {
        assertThat(KeyRange.splitColumn(table(List.of("id"), ColumnType.of(PortableType.BIGINT, "bigint")))).isPresent();
        assertThat(KeyRange.splitColumn(table(List.of("id"), new ColumnType(PortableType.BIGINT, null, null, null, true,
                List.of(), "int(10) unsigned")))).isPresent();
        assertThat(KeyRange.splitColumn(table(List.of("id"), new ColumnType(PortableType.BIGINT, null, null, null, true,
                List.of(), "bigint(20) unsigned")))).isEmpty();
        assertThat(KeyRange.splitColumn(table(List.of("id"), ColumnType.of(PortableType.TEXT, "text")))).isEmpty();
        assertThat(KeyRange.splitColumn(table(List.of(), ColumnType.of(PortableType.INTEGER, "integer")))).isEmpty();
    }

    private static Table table(List<String> key, ColumnType idType) {
        return new Table("t", List.of(new Column("id", idType, false, null, null, false),
                new Column("v", ColumnType.of(PortableType.TEXT, "text"), true, null, null, false)),
                key, List.of(), List.of(), List.of(), null, Map.of());
    }
}

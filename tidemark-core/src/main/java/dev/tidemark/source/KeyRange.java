package dev.tidemark.source;

import dev.tidemark.schema.Column;
import java.util.Locale;
import dev.tidemark.schema.Table;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contiguous slice of a table by its single integer primary-key column: the rows with
 * {@code from <= key < to}, where a null bound is open. {@link #ALL} is the whole table. Ranges let a
 * large table be exported by several connections at once while the archive keeps its rows in key order.
 */
public record KeyRange(String column, Long from, Long to) {
    /** Every row of the table. */
    public static final KeyRange ALL = new KeyRange(null, null, null);

    /** At most this many ranges per table, however large it is. */
    static final int MAX_RANGES = 10_000;

    public boolean isAll() {
        return column == null;
    }

    /** A SQL condition selecting the range, with the key column already quoted for the backend; "" for {@link #ALL}. */
    public String condition(String quotedColumn) {
        if (from != null && to != null) {
            return quotedColumn + " >= " + from + " AND " + quotedColumn + " < " + to;
        }
        if (from != null) {
            return quotedColumn + " >= " + from;
        }
        if (to != null) {
            return quotedColumn + " < " + to;
        }
        return "";
    }

    /**
     * The column a table can be split on: its primary key when that is one integer column whose values fit a
     * Java long (so bounds are plain literals).
     */
    public static Optional<Column> splitColumn(Table table) {
        if (table.primaryKey().size() != 1) {
            return Optional.empty();
        }
        String name = table.primaryKey().get(0);
        return table.columns().stream()
                .filter(c -> c.name().equals(name))
                .filter(c -> switch (c.type().type()) {
                    case SMALLINT, INTEGER -> true;
                    // an unsigned BIGINT (MySQL) may exceed a long; smaller unsigned types are widened and fit
                    case BIGINT -> !(c.type().unsigned() && c.type().nativeType() != null
                            && c.type().nativeType().toLowerCase(Locale.ROOT).startsWith("bigint"));
                    default -> false;
                })
                .findFirst();
    }

    /**
     * Cuts the keys {@code min..max} of {@code column} into ranges of equal key width, enough of them that each
     * holds about {@code targetBytes} when the table holds {@code estimatedBytes}. The first range is open
     * below and the last open above, so together they cover every row whatever the estimate. Returns
     * {@code [ALL]} when one range suffices.
     */
    public static List<KeyRange> evenSplit(String column, long min, long max, long estimatedBytes, long targetBytes) {
        if (targetBytes < 1) {
            throw new IllegalArgumentException("targetBytes must be positive: " + targetBytes);
        }
        BigInteger width = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
        long wanted = Math.min(MAX_RANGES, Math.max(1, estimatedBytes / targetBytes + (estimatedBytes % targetBytes == 0 ? 0 : 1)));
        int count = (int) Math.min(wanted, width.min(BigInteger.valueOf(MAX_RANGES)).longValueExact());
        if (count <= 1 || max < min) {
            return List.of(ALL);
        }
        BigInteger step = width.add(BigInteger.valueOf(count - 1)).divide(BigInteger.valueOf(count));
        List<KeyRange> ranges = new ArrayList<>(count);
        Long from = null;
        for (int i = 1; i < count; i++) {
            long to = BigInteger.valueOf(min).add(step.multiply(BigInteger.valueOf(i))).longValueExact();
            if (to > max) {
                break;
            }
            ranges.add(new KeyRange(column, from, to));
            from = to;
        }
        ranges.add(new KeyRange(column, from, null));
        return List.copyOf(ranges);
    }
}

package dev.tidemark.dialect.mysql;

import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RowSink;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Table;
import dev.tidemark.types.CanonicalText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Streams one table's rows as canonical text over a connection that is inside the snapshot's transaction. */
final class MysqlTableExporter {
    /** Rows the driver fetches per round trip; it streams instead of buffering the whole result. */
    private static final int FETCH_SIZE = 1000;

    private final Connection connection;
    private final Table table;
    private final List<MysqlTypeMapping.ReadPlan> plans;

    MysqlTableExporter(Connection connection, Table table, List<MysqlTypeMapping.ReadPlan> plans) {
        this.connection = connection;
        this.table = table;
        this.plans = plans;
    }

    /** Streams the rows of {@code range} (the whole table for {@link KeyRange#ALL}) in primary-key order. */
    void export(KeyRange range, RowSink sink) throws Exception {
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(plans.get(i).select(MysqlDdl.quote(columns.get(i).name())));
        }
        sql.append(" FROM ").append(MysqlDdl.quote(table.name()));
        if (!range.isAll()) {
            sql.append(" WHERE ").append(range.condition(MysqlDdl.quote(range.column())));
        }
        if (!table.primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(MysqlDdl.quoteAll(table.primaryKey()));
        }
        // a server-side prepared statement makes the driver use the binary protocol: FLOAT and DOUBLE arrive as
        // their exact IEEE bits instead of the server's rounded decimal text
        try (PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                String[] values = new String[columns.size()];
                Column[] columnArray = columns.toArray(new Column[0]);
                ValueKind[] kinds = plans.stream().map(MysqlTypeMapping.ReadPlan::kind).toArray(ValueKind[]::new);
                while (rs.next()) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = read(rs, i + 1, columnArray[i], kinds[i]);
                    }
                    sink.accept(values);
                }
            }
        }
    }

    /**
     * Whether {@code text} is what {@code BigDecimal.toPlainString} prints for it: an optional minus, digits
     * without a superfluous leading zero, an optional fraction, and not a negative zero.
     */
    static boolean isPlainDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int length = text.length();
        int point = -1;
        boolean nonZero = false;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c >= '1' && c <= '9') {
                nonZero = true;
            } else if (c != '0') {
                return false;
            }
        }
        int integerDigits = (point < 0 ? length : point) - start;
        if (integerDigits == 0 || point == length - 1) {
            return false;
        }
        boolean leadingZero = integerDigits > 1 && text.charAt(start) == '0';
        return !leadingZero && (start == 0 || nonZero);
    }

    private String read(ResultSet rs, int index, Column column, ValueKind kind) throws SQLException {
        switch (kind) {
            case BOOLEAN -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    return null;
                }
                if (value != 0 && value != 1) {
                    throw new TidemarkException(ErrorKind.DATABASE_ERROR, table.name() + "." + column.name() + " holds "
                            + value + ", but tinyint(1) columns are carried as booleans (0 or 1)",
                            "change the column to tinyint(4) if it holds numbers, or correct the value");
                }
                return CanonicalText.bool(value == 1);
            }
            case INTEGER -> {
                long value = rs.getLong(index);
                return rs.wasNull() ? null : Long.toString(value);
            }
            case DECIMAL -> {
                // DECIMAL arrives as the server's text even in the binary protocol; it is the canonical form
                // unless unusual (e.g. a negative zero), which a BigDecimal then normalises
                String text = rs.getString(index);
                return text == null || isPlainDecimal(text) ? text : CanonicalText.decimal(new BigDecimal(text));
            }
            case FLOAT -> {
                float value = rs.getFloat(index);
                return rs.wasNull() ? null : CanonicalText.floatValue(value);
            }
            case DOUBLE -> {
                double value = rs.getDouble(index);
                return rs.wasNull() ? null : CanonicalText.doubleValue(value);
            }
            case BYTES -> {
                byte[] value = rs.getBytes(index);
                return value == null ? null : CanonicalText.binary(value);
            }
            case TEMPORAL -> {
                return MysqlValues.fromServerTemporal(column.type().type(), rs.getString(index));
            }
            case INSTANT -> {
                return MysqlValues.fromServerInstant(rs.getString(index));
            }
            case UUID -> {
                String value = rs.getString(index);
                return value == null ? null : value.toLowerCase(Locale.ROOT);
            }
            default -> {
                return rs.getString(index);
            }
        }
    }
}

package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at the values a table actually holds, because SQLite lets any column hold any storage class.
 * One pass per table finds (a) columns holding values their portable type cannot carry exactly, which
 * become {@link PortableType#NATIVE} columns exported as {@link SqliteLiteral}s, and (b) SMALLINT/INTEGER
 * columns holding values outside that range, which are widened so other backends accept them.
 */
final class SqliteValueScan {
    private final Connection connection;
    private final List<String> warnings;

    SqliteValueScan(Connection connection, List<String> warnings) {
        this.connection = connection;
        this.warnings = warnings;
    }

    Table fitToValues(Table table) throws SQLException {
        List<Column> columns = table.columns();
        if (columns.isEmpty()) {
            return table;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String q = quote(column.name());
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("max(").append(SqliteTypeMapping.misfitCondition(q, column.type())).append(")");
            sql.append(", min(CASE WHEN typeof(").append(q).append(")='integer' THEN ").append(q).append(" END)");
            sql.append(", max(CASE WHEN typeof(").append(q).append(")='integer' THEN ").append(q).append(" END)");
        }
        sql.append(" FROM main.").append(quote(table.name()));
        List<Column> fitted = new ArrayList<>(columns.size());
        Map<String, String> options = new LinkedHashMap<>(table.options());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                boolean misfit = rs.getInt(3 * i + 1) == 1;
                long min = rs.getLong(3 * i + 2);
                long max = rs.getLong(3 * i + 3);
                ColumnType type = column.type();
                if (misfit) {
                    warnings.add("column " + table.name() + "." + column.name() + " holds values that are not "
                            + type.type() + " (declared '" + type.nativeType() + "'): carried as SQLite literals");
                    options.put(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name(), "true");
                    type = ColumnType.of(PortableType.NATIVE, type.nativeType());
                } else if (type.type() == PortableType.SMALLINT && (min < Short.MIN_VALUE || max > Short.MAX_VALUE)) {
                    type = widened(type, min, max);
                } else if (type.type() == PortableType.INTEGER && (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE)) {
                    type = widened(type, min, max);
                }
                fitted.add(type == column.type() ? column : new Column(column.name(), type, column.nullable(),
                        misfit ? null : column.defaultValue(), column.nativeDefault(), column.autoIncrement()));
            }
        }
        return new Table(table.name(), fitted, table.primaryKey(), table.uniqueKeys(), table.indexes(),
                table.foreignKeys(), table.nextValue(), options);
    }

    private static ColumnType widened(ColumnType type, long min, long max) {
        boolean fitsInt = min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
        return new ColumnType(fitsInt ? PortableType.INTEGER : PortableType.BIGINT, null, null, null, false,
                List.of(), type.nativeType());
    }
}

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
 * It finds (a) columns holding values their portable type cannot carry exactly, which become
 * {@link PortableType#NATIVE} columns exported as {@link SqliteLiteral}s, and (b) SMALLINT/INTEGER columns
 * holding values outside that range, which are widened so other backends accept them.
 *
 * <p>Reading a large table costs about as much as exporting it, so both questions share one pass that
 * stops at the first row needing either answer; the usual answer is "none", and only a table that has
 * such a row is read a second time to find out which columns it concerns. Columns whose declared type
 * already rules out other storage classes (the rowid alias, the typed columns of a STRICT table) are not
 * checked for them.
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
        int width = columns.size();
        String[] misfitConditions = new String[width];
        String[] outOfRangeConditions = new String[width];
        List<String> anyCondition = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            Column column = columns.get(i);
            String q = quote(column.name());
            if (!holdsOnlyItsDeclaredType(table, column)) {
                misfitConditions[i] = SqliteTypeMapping.misfitCondition(q, column.type());
                anyCondition.add(misfitConditions[i]);
            }
            PortableType type = column.type().type();
            if (type == PortableType.SMALLINT || type == PortableType.INTEGER) {
                // BINARY: only numbers are compared, and the column's own collation may be unknown here
                outOfRangeConditions[i] = type == PortableType.SMALLINT
                        ? q + " COLLATE BINARY NOT BETWEEN " + Short.MIN_VALUE + " AND " + Short.MAX_VALUE
                        : q + " COLLATE BINARY NOT BETWEEN " + Integer.MIN_VALUE + " AND " + Integer.MAX_VALUE;
                anyCondition.add(outOfRangeConditions[i]);
            }
        }
        String from = " FROM main." + quote(table.name());
        if (anyCondition.isEmpty()
                || !exists("SELECT 1" + from + " WHERE " + String.join(" OR ", anyCondition) + " LIMIT 1")) {
            return table;
        }
        return fitted(table, from, misfitConditions, outOfRangeConditions);
    }

    /**
     * The rowid alias always holds a 64-bit integer, and a STRICT table enforces its declared types on
     * every column but those declared ANY.
     */
    private boolean holdsOnlyItsDeclaredType(Table table, Column column) throws SQLException {
        String declared = column.type().nativeType().strip();
        if ("true".equals(table.options().get(SqliteSchemaReader.OPTION_STRICT))) {
            return !"ANY".equalsIgnoreCase(declared);
        }
        return !"true".equals(table.options().get(SqliteSchemaReader.OPTION_WITHOUT_ROWID))
                && table.primaryKey().equals(List.of(column.name())) && declared.equalsIgnoreCase("INTEGER")
                && !hasPrimaryKeyIndex(table);
    }

    /** An INTEGER PRIMARY KEY DESC column is an ordinary column with an index of its own, not the rowid. */
    private boolean hasPrimaryKeyIndex(Table table) throws SQLException {
        return exists("SELECT 1 FROM pragma_index_list(" + SqliteSql.string(table.name())
                + ", 'main') WHERE origin = 'pk'");
    }

    /** The second pass: which columns hold misfits, and the range of each SMALLINT/INTEGER column. */
    private Table fitted(Table table, String from, String[] misfitConditions, String[] outOfRangeConditions)
            throws SQLException {
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (int i = 0; i < columns.size(); i++) {
            if (misfitConditions[i] != null) {
                sql.append(", coalesce(max(").append(misfitConditions[i]).append("), 0)");
            }
            if (outOfRangeConditions[i] != null) {
                String q = quote(columns.get(i).name()) + " COLLATE BINARY";
                sql.append(", min(").append(q).append("), max(").append(q).append(")");
            }
        }
        List<Column> fitted = new ArrayList<>(columns.size());
        Map<String, String> options = new LinkedHashMap<>(table.options());
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.append(from).toString())) {
            rs.next();
            int next = 2;
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                ColumnType type = column.type();
                boolean misfit = misfitConditions[i] != null && rs.getInt(next++) == 1;
                if (outOfRangeConditions[i] != null) {
                    long min = rs.getLong(next++);
                    long max = rs.getLong(next++);
                    if (!misfit) {
                        type = widenedToValues(type, min, max);
                    }
                }
                if (misfit) {
                    warnings.add("column " + table.name() + "." + column.name() + " holds values that are not "
                            + type.type() + " (declared '" + type.nativeType() + "'): carried as SQLite literals");
                    options.put(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name(), "true");
                    type = ColumnType.of(PortableType.NATIVE, type.nativeType());
                }
                fitted.add(type == column.type() ? column : new Column(column.name(), type, column.nullable(),
                        misfit ? null : column.defaultValue(), column.nativeDefault(), column.autoIncrement()));
            }
        }
        return new Table(table.name(), fitted, table.primaryKey(), table.uniqueKeys(), table.indexes(),
                table.foreignKeys(), table.nextValue(), options);
    }

    private boolean exists(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** SMALLINT/INTEGER widened to the smallest portable integer type holding every stored value. */
    private static ColumnType widenedToValues(ColumnType type, long min, long max) {
        if (type.type() == PortableType.SMALLINT && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return type;
        }
        if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            return type.type() == PortableType.INTEGER ? type : widened(type, PortableType.INTEGER);
        }
        return widened(type, PortableType.BIGINT);
    }

    private static ColumnType widened(ColumnType type, PortableType wider) {
        return new ColumnType(wider, null, null, null, false, List.of(), type.nativeType());
    }
}

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
        boolean strict = "true".equals(table.options().get(SqliteSchemaReader.OPTION_STRICT));
        List<String> conditions = new ArrayList<>();
        for (Column column : columns) {
            // STRICT tables enforce their declared types; only ANY columns can hold anything
            boolean enforced = strict && !"ANY".equalsIgnoreCase(column.type().nativeType().strip());
            conditions.add(enforced ? "0" : SqliteTypeMapping.misfitCondition(quote(column.name()), column.type()));
        }
        String from = " FROM main." + quote(table.name());
        boolean[] misfits = new boolean[columns.size()];
        List<String> checked = conditions.stream().filter(condition -> !condition.equals("0")).toList();
        // one cheap pass that stops at the first misfit; the usual answer is "none"
        if (!checked.isEmpty()
                && exists("SELECT 1" + from + " WHERE " + String.join(" OR ", checked) + " LIMIT 1")) {
            StringBuilder perColumn = new StringBuilder("SELECT ");
            for (int i = 0; i < conditions.size(); i++) {
                perColumn.append(i > 0 ? ", " : "").append("max(").append(conditions.get(i)).append(")");
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery(perColumn.append(from).toString())) {
                rs.next();
                for (int i = 0; i < misfits.length; i++) {
                    misfits[i] = rs.getInt(i + 1) == 1;
                }
            }
        }
        List<Column> fitted = new ArrayList<>(columns.size());
        Map<String, String> options = new LinkedHashMap<>(table.options());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            ColumnType type = column.type();
            if (misfits[i]) {
                warnings.add("column " + table.name() + "." + column.name() + " holds values that are not "
                        + type.type() + " (declared '" + type.nativeType() + "'): carried as SQLite literals");
                options.put(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name(), "true");
                type = ColumnType.of(PortableType.NATIVE, type.nativeType());
            } else if (type.type() == PortableType.SMALLINT || type.type() == PortableType.INTEGER) {
                type = widenedToValues(table, column);
            }
            fitted.add(type == column.type() ? column : new Column(column.name(), type, column.nullable(),
                    misfits[i] ? null : column.defaultValue(), column.nativeDefault(), column.autoIncrement()));
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
    private ColumnType widenedToValues(Table table, Column column) throws SQLException {
        String q = quote(column.name());
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + q + "), max(" + q + ") FROM main." + quote(table.name()))) {
            rs.next();
            long min = rs.getLong(1);
            long max = rs.getLong(2);
            ColumnType type = column.type();
            if (type.type() == PortableType.SMALLINT && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
                return type;
            }
            if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
                return type.type() == PortableType.INTEGER ? type : widened(type, PortableType.INTEGER);
            }
            return widened(type, PortableType.BIGINT);
        }
    }

    private static ColumnType widened(ColumnType type, PortableType wider) {
        return new ColumnType(wider, null, null, null, false, List.of(), type.nativeType());
    }
}

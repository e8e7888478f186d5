package dev.tidemark.dialect.sqlite;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import dev.tidemark.types.CanonicalText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Binds canonical text values to an INSERT by the target column's type: integers as long, floating point
 * as double, binary as bytes, booleans as 0/1, literal-carried columns by the literal's storage class and
 * everything else as text. A value that does not parse as its column's type is bound as text, so SQLite
 * keeps it as it came (as SQLite itself would when such a value is inserted).
 */
final class SqliteValueBinder {
    private enum Kind { INTEGER, BOOLEAN, DOUBLE, BINARY, NUMERIC_DECIMAL, LITERAL, TEXT }

    private final Kind[] kinds;
    private final int[] everyColumn;

    SqliteValueBinder(Table table) {
        List<Column> columns = table.columns();
        kinds = new Kind[columns.size()];
        everyColumn = java.util.stream.IntStream.range(0, kinds.length).toArray();
        boolean fromSqlite = SqliteDdl.fromSqlite(table);
        for (int i = 0; i < kinds.length; i++) {
            Column column = columns.get(i);
            if ("true".equals(table.options().get(SqliteSchemaReader.OPTION_LITERAL_PREFIX + column.name()))) {
                kinds[i] = Kind.LITERAL;
                continue;
            }
            PortableType type = column.type().type();
            kinds[i] = switch (type) {
                case SMALLINT, INTEGER, BIGINT -> Kind.INTEGER;
                case BOOLEAN -> Kind.BOOLEAN;
                case REAL, DOUBLE -> Kind.DOUBLE;
                case BINARY -> Kind.BINARY;
                // SQLite's own NUMERIC columns hold INTEGER or REAL values; other backends' decimals stay text
                case DECIMAL -> fromSqlite && SqliteAffinity.of(column.type().nativeType()).convertsNumericText()
                        ? Kind.NUMERIC_DECIMAL : Kind.TEXT;
                default -> Kind.TEXT;
            };
        }
    }

    int width() {
        return kinds.length;
    }

    void bind(PreparedStatement insert, String[] row) throws SQLException {
        bind(insert, 1, everyColumn, row);
    }

    private static void bindInteger(PreparedStatement insert, int parameter, String value) throws SQLException {
        try {
            insert.setLong(parameter, Long.parseLong(value));
        } catch (NumberFormatException e) {
            insert.setString(parameter, value);
        }
    }

    private static void bindBoolean(PreparedStatement insert, int parameter, String value) throws SQLException {
        try {
            insert.setInt(parameter, CanonicalText.parseBool(value) ? 1 : 0);
        } catch (IllegalArgumentException e) {
            insert.setString(parameter, value);
        }
    }

    private static void bindDouble(PreparedStatement insert, int parameter, String value) throws SQLException {
        double number;
        try {
            number = CanonicalText.parseDouble(value);
        } catch (NumberFormatException e) {
            insert.setString(parameter, value);
            return;
        }
        if (Double.isNaN(number)) {
            // SQLite has no NaN: it would store NULL anyway; being explicit keeps that visible
            insert.setNull(parameter, Types.NULL);
        } else {
            insert.setDouble(parameter, number);
        }
    }

    private static void bindBinary(PreparedStatement insert, int parameter, String value) throws SQLException {
        try {
            insert.setBytes(parameter, CanonicalText.parseBinary(value));
        } catch (IllegalArgumentException e) {
            insert.setString(parameter, value);
        }
    }

    private static void bindNumericDecimal(PreparedStatement insert, int parameter, String value) throws SQLException {
        if (isPlainInteger(value)) {
            try {
                insert.setLong(parameter, Long.parseLong(value));
                return;
            } catch (NumberFormatException e) {
                // beyond 64 bits: SQLite keeps such a value as REAL
            }
        }
        try {
            // Java parses correctly rounded, so a REAL written as its shortest decimal comes back bit for bit
            insert.setDouble(parameter, CanonicalText.parseDouble(value));
        } catch (NumberFormatException e) {
            insert.setString(parameter, value);
        }
    }

    private static boolean isPlainInteger(String value) {
        int start = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        if (value.length() == start) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void bindLiteral(PreparedStatement insert, int parameter, String value) throws SQLException {
        Object parsed;
        try {
            parsed = SqliteLiteral.parse(value);
        } catch (IllegalArgumentException e) {
            insert.setString(parameter, value);
            return;
        }
        if (parsed instanceof Long number) {
            insert.setLong(parameter, number);
        } else if (parsed instanceof Double number) {
            insert.setDouble(parameter, number);
        } else if (parsed instanceof byte[] bytes) {
            insert.setBytes(parameter, bytes);
        } else {
            insert.setString(parameter, (String) parsed);
        }
    }

    /**
     * Binds {@code values[i]} as the value of column {@code columns[i]} to parameter {@code first + i}: a subset of
     * the columns, in any order, as an UPDATE's SET and WHERE clauses need.
     */
    void bind(PreparedStatement statement, int first, int[] columns, String[] values) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            String value = values[i];
            int parameter = first + i;
            if (value == null) {
                statement.setNull(parameter, Types.NULL);
                continue;
            }
            switch (kinds[columns[i]]) {
                case INTEGER -> bindInteger(statement, parameter, value);
                case BOOLEAN -> bindBoolean(statement, parameter, value);
                case DOUBLE -> bindDouble(statement, parameter, value);
                case BINARY -> bindBinary(statement, parameter, value);
                case NUMERIC_DECIMAL -> bindNumericDecimal(statement, parameter, value);
                case LITERAL -> bindLiteral(statement, parameter, value);
                case TEXT -> statement.setString(parameter, value);
            }
        }
    }
}

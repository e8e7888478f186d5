package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads tables natively (binary protocol) into comparable text, so two databases can be compared exactly. */
final class NativeCompare {
    private NativeCompare() {
    }

    /** Every row of {@code table} ordered by {@code orderBy}, each value as an exact text form. */
    static List<String> rows(Connection connection, String table, String orderBy) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT * FROM `" + table + "` ORDER BY " + orderBy);
             ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String type = meta.getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT);
                    // the driver turns zero dates into NULL in getObject; the server's text keeps them apart
                    Object value = type.startsWith("DATE") || type.startsWith("TIME") ? rs.getString(i) : rs.getObject(i);
                    String text;
                    if (value == null) {
                        text = "NULL";
                    } else if (value instanceof byte[] bytes) {
                        text = "bytes" + Arrays.toString(bytes);
                    } else if (value instanceof Float f) {
                        text = "float:" + Integer.toHexString(Float.floatToRawIntBits(f));
                    } else if (value instanceof Double d) {
                        text = "double:" + Long.toHexString(Double.doubleToRawLongBits(d));
                    } else {
                        text = value.getClass().getSimpleName() + ":" + rs.getString(i);
                    }
                    row.append(meta.getColumnName(i)).append('=').append(text).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** SHOW CREATE TABLE without the AUTO_INCREMENT counter (compared separately). */
    static String createTable(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
            rs.next();
            return rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
        }
    }

    static Long nextAutoIncrement(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                return rs.wasNull() ? null : value;
            }
        }
    }

    static void assertSameTable(Connection source, Connection target, String table, String orderBy) throws SQLException {
        assertThat(rows(target, table, orderBy)).as("rows of %s", table).containsExactlyElementsOf(rows(source, table, orderBy));
        assertThat(createTable(target, table)).as("definition of %s", table).isEqualTo(createTable(source, table));
    }
}

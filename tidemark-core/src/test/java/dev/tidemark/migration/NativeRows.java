package dev.tidemark.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.types.CanonicalText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads every table of a database with plain JDBC — independent of the code under test — into a
 * backend-neutral form: table and column names lower-cased without underscores (so {@code InvoiceLine}
 * and {@code invoice_line} meet), values in one text form per kind of value, rows sorted.
 */
final class NativeRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern DECIMAL_TEXT = java.util.regex.Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

    /** How a column's values compare across backends; {@link #GENERIC} infers it from the JDBC value. */
    enum Kind { GENERIC, INSTANT, JSON, UUID, BOOLEAN, TEXT }

    private NativeRows() {
    }

    static String normalizeName(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Every table: normalized name → sorted rows, each row "column=value|…" in column order. */
    static Map<String, List<String>> read(ScratchDatabase db, Map<String, Kind> kinds) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = db.connect()) {
            for (String table : tables(db.backend(), c)) {
                tables.put(normalizeName(table), rows(db.backend(), c, table, kinds));
            }
        }
        return tables;
    }

    static List<String> tables(Backend backend, Connection c) throws SQLException {
        String sql = switch (backend) {
            case SQLITE -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            case POSTGRESQL -> "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            case MARIADB -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_type = 'BASE TABLE'";
        };
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> rows(Backend backend, Connection c, String table, Map<String, Kind> kinds)
            throws SQLException {
        String quoted = backend == Backend.MARIADB ? "`" + table.replace("`", "``") + "`"
                : "\"" + table.replace("\"", "\"\"") + "\"";
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = normalizeName(meta.getColumnLabel(i));
                    Kind kind = kinds.getOrDefault(column, Kind.GENERIC);
                    row.append(i > 1 ? "|" : "").append(column).append('=').append(value(rs, i, kind));
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static String value(ResultSet rs, int column, Kind kind) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "NULL";
        }
        try {
            return switch (kind) {
                case INSTANT -> CanonicalText.timestampTz(CanonicalText.parseTimestampTz(rs.getString(column)));
                case JSON -> JSON.readTree(rs.getString(column)).toString();
                case UUID -> CanonicalText.parseUuid(rs.getString(column)).toString();
                case BOOLEAN -> Boolean.toString(CanonicalText.parseBool(rs.getString(column)));
                case TEXT -> rs.getString(column);
                case GENERIC -> generic(value);
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "invalid JSON: " + rs.getString(column);
        }
    }

    private static String generic(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return CanonicalText.doubleValue(d);
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return CanonicalText.floatValue(f);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.signum() == 0 ? "0" : decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.sql.Blob blob) {
            try {
                return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof java.sql.Timestamp ts) {
            return CanonicalText.timestamp(ts.toLocalDateTime());
        }
        if (value instanceof LocalDateTime ldt) {
            return CanonicalText.timestamp(ldt);
        }
        if (value instanceof OffsetDateTime odt) {
            return CanonicalText.timestampTz(odt);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        String text = value.toString();
        // SQLite keeps numbers of decimal columns as text or REAL, depending on who wrote them
        return DECIMAL_TEXT.matcher(text).matches() ? generic(new BigDecimal(text)) : text;
    }
}

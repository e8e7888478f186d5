package dev.tidemark.dialect.sqlite;

import dev.tidemark.types.CanonicalText;
import java.util.HexFormat;

/**
 * SQL literal form of a single SQLite value, used for columns whose stored values do not fit the
 * column's portable type (for example text in an INTEGER column, or mixed storage classes in a column
 * without a declared type). The literal keeps the storage class: {@code 42} is an INTEGER,
 * {@code 4.2e1}/{@code 42.0} a REAL, {@code 'x'} a TEXT, {@code X'00ff'} a BLOB, {@code 1e999} +infinity.
 */
final class SqliteLiteral {
    private static final HexFormat HEX = HexFormat.of();

    private SqliteLiteral() {
    }

    static String of(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "1e999" : "-1e999";
            }
            // Double.toString always contains '.' or 'E', so a REAL never reads back as an INTEGER
            return Double.toString(d);
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HEX.formatHex(bytes) + "'";
        }
        throw new IllegalArgumentException("unexpected SQLite value of " + value.getClass());
    }

    /** Parses a literal written by {@link #of} into a String, Long, Double or byte[]. */
    static Object parse(String literal) {
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        if (literal.length() >= 3 && (literal.startsWith("X'") || literal.startsWith("x'")) && literal.endsWith("'")) {
            return HEX.parseHex(literal, 2, literal.length() - 1);
        }
        if (literal.matches("[+-]?\\d+")) {
            return Long.parseLong(literal);
        }
        if (literal.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return CanonicalText.parseDouble(literal);
        }
        throw new IllegalArgumentException("not an SQLite literal: "
                + (literal.length() > 40 ? literal.substring(0, 40) + "…" : literal));
    }
}

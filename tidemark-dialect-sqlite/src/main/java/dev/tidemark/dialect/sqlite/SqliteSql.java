package dev.tidemark.dialect.sqlite;

/** Quoting of SQL identifiers and string literals for SQLite. */
final class SqliteSql {
    private SqliteSql() {
    }

    /** {@code name} as a double-quoted identifier; embedded quotes are doubled. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code text} as a single-quoted string literal. */
    static String string(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

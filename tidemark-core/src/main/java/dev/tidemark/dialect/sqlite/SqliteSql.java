package dev.tidemark.dialect.sqlite;

/** Small SQL text helpers shared by the SQLite classes. */
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

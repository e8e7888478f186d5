package dev.tidemark.dialect.nativesql;

/**
 * The lexical rules of one backend as Tidemark's sessions run it: PostgreSQL with
 * {@code standard_conforming_strings = on} (backslashes are plain characters in {@code '…'}), MySQL/MariaDB
 * without {@code ANSI_QUOTES} and without {@code NO_BACKSLASH_ESCAPES} (backslash escapes in {@code '…'}, backticks
 * quote names), SQLite as documented (brackets and backticks quote names too).
 */
public enum SqlLexicon {
    POSTGRESQL("PostgreSQL"),
    MYSQL("MySQL/MariaDB"),
    SQLITE("SQLite");

    private final String label;

    SqlLexicon(String label) {
        this.label = label;
    }

    /** The backend's name, for messages. */
    public String label() {
        return label;
    }

    boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c == '\f' && this != MYSQL);
    }

    /** Characters that make up an operator such as {@code <=} or {@code ->>}. */
    boolean isOperatorChar(char c) {
        return switch (c) {
            case '+', '-', '*', '/', '<', '>', '=', '~', '!', '%', '&', '|' -> true;
            // PostgreSQL's ^ is exponentiation, # bitwise xor, @ absolute value, ? a jsonb key test
            case '^' -> this != SQLITE;
            case '#', '@', '?' -> this == POSTGRESQL;
            default -> false;
        };
    }

    /** Whether {@code c} opens a quoted name: {@code "…"} everywhere but MySQL, {@code `…`} in MySQL and SQLite. */
    boolean opensQuotedName(char c) {
        return switch (c) {
            case '"' -> this != MYSQL;
            case '`' -> this != POSTGRESQL;
            case '[' -> this == SQLITE;
            default -> false;
        };
    }

    /** Whether a backslash inside {@code '…'} escapes the next character. */
    boolean backslashEscapes() {
        return this == MYSQL;
    }
}

package dev.tidemark.dialect.mysql;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** SQL text helpers: identifier quoting, literals and the names of staging tables. */
final class MysqlDdl {
    /** MySQL's and MariaDB's limit for table, column, index and constraint names. */
    static final int MAX_IDENTIFIER = 64;
    /**
     * Staging and retired tables of a restore: {@code _tm_<run>_s<n>} holds the new table n until the swap,
     * {@code _tm_<run>_o<n>} the replaced one after it. Short fixed-size names keep every staging name far
     * below the 64-character limit whatever the table is called.
     */
    private static final Pattern STAGING = Pattern.compile("_tm_[a-z0-9]{6}_[so]\\d+");

    private MysqlDdl() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(MysqlDdl::quote).collect(Collectors.joining(", "));
    }

    /**
     * A string literal. Tidemark's sessions always run without NO_BACKSLASH_ESCAPES (see
     * {@link MysqlConnections#SQL_MODE}), so backslashes are escaped as well as quotes.
     */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("''");
                case '\\' -> out.append("\\\\");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static boolean isStagingName(String table) {
        return STAGING.matcher(table).matches();
    }

    static String stagingName(String run, int index) {
        return "_tm_" + run + "_s" + index;
    }

    static String retiredName(String run, int index) {
        return "_tm_" + run + "_o" + index;
    }
}

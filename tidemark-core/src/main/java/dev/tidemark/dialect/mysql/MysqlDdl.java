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

    /** A string literal safe under any sql_mode (NO_BACKSLASH_ESCAPES or not): backslashes are escaped via hex. */
    static String literal(String value) {
        if (value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
            return "_utf8mb4 x'" + java.util.HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'";
        }
        return "'" + value.replace("'", "''") + "'";
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

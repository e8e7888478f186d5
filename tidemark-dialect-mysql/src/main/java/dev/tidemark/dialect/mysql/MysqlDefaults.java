package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.ColumnType;
import dev.tidemark.types.CanonicalText;
import java.util.regex.Pattern;

/** Column defaults: information_schema's notation to portable literals and back to SQL. */
final class MysqlDefaults {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private MysqlDefaults() {
    }

    /**
     * Splits a COLUMN_DEFAULT into a portable literal or a native expression.
     *
     * @param raw     information_schema.COLUMNS.COLUMN_DEFAULT; MariaDB quotes literals and writes NULL for
     *                "no default", MySQL gives literals bare and flags expressions in EXTRA
     * @return {defaultValue, nativeDefault}, either or both null
     */
    static String[] read(String raw, String extra, ColumnType type, boolean mariadb) {
        if (raw == null) {
            return new String[] {null, null};
        }
        String literal;
        if (mariadb) {
            if (raw.equals("NULL")) {
                return new String[] {null, null};
            }
            if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
                literal = unquote(raw.substring(1, raw.length() - 1));
            } else if (NUMBER.matcher(raw).matches()) {
                literal = raw;
            } else {
                return new String[] {null, raw};
            }
        } else {
            if (extra.contains("default_generated")) {
                return new String[] {null, raw};
            }
            literal = raw;
        }
        String portable = portable(literal, type);
        return portable == null ? new String[] {null, MysqlDdl.literal(literal)} : new String[] {portable, null};
    }

    /** The canonical text of a literal default, or null when it has no portable form. */
    private static String portable(String literal, ColumnType type) {
        try {
            return switch (type.type()) {
                case BOOLEAN -> CanonicalText.bool(Long.parseLong(literal) != 0);
                case DATE -> CanonicalText.date(CanonicalText.parseDate(literal));
                case TIME -> CanonicalText.time(CanonicalText.parseTime(literal));
                case TIMESTAMP -> CanonicalText.timestamp(CanonicalText.parseTimestamp(literal));
                case TIMESTAMPTZ -> CanonicalText.timestampTz(CanonicalText.parseTimestampTz(literal));
                case BINARY -> null;
                default -> literal;
            };
        } catch (RuntimeException notPortable) {
            // zero dates and other server-only literals stay native
            return null;
        }
    }

    /** Undoes the server's escaping inside a quoted literal: doubled quotes and backslash escapes. */
    private static String unquote(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    case 'Z' -> (char) 26;
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

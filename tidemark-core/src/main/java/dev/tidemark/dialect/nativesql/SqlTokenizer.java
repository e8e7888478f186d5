package dev.tidemark.dialect.nativesql;

import dev.tidemark.dialect.nativesql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits native SQL into tokens by one backend's lexical rules ({@link SqlLexicon}), refusing everything that
 * could end a statement or hide text from the grammar: {@code ;}, comments ({@code --}, {@code /*}, MySQL's
 * {@code #} and executable {@code /*!…*}{@code /}), dollar quoting, parameters and variables, backslashes outside
 * literals, string prefixes whose escaping differs ({@code E'…'}, {@code U&'…'}), control characters and
 * unterminated literals (SQLite's comments excepted, see {@link #tokenize}). What it accepts is exactly the text the grammar then reads: every character belongs to
 * a token or to whitespace.
 */
public final class SqlTokenizer {
    private final String sql;
    private final SqlLexicon lexicon;
    private final boolean skipComments;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int at;
    private boolean spaceBefore;

    private SqlTokenizer(String sql, SqlLexicon lexicon, boolean skipComments) {
        this.sql = sql;
        this.lexicon = lexicon;
        this.skipComments = skipComments;
    }

    /**
     * The tokens of {@code sql}. Comments are refused, except in SQLite, which keeps a CREATE statement and a
     * column's default as the user typed them, comments included: there they read as whitespace. They are never
     * written out again, so they cannot reach the target.
     */
    public static List<SqlToken> tokenize(String sql, SqlLexicon lexicon) {
        return new SqlTokenizer(sql, lexicon, lexicon == SqlLexicon.SQLITE).run();
    }

    private List<SqlToken> run() {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (lexicon.isWhitespace(c)) {
                at++;
                spaceBefore = true;
            } else if (startsComment()) {
                comment();
            } else if (c == '\'') {
                add(Kind.STRING, at, string(at));
            } else if (lexicon.opensQuotedName(c)) {
                add(Kind.QUOTED_NAME, at, quotedName(at));
            } else if (isDigit(c) || (c == '.' && at + 1 < sql.length() && isDigit(sql.charAt(at + 1)))) {
                add(Kind.NUMBER, at, number(at));
            } else if (isWordStart(c)) {
                word();
            } else if (c == ':' && lexicon == SqlLexicon.POSTGRESQL) {
                boolean cast = at + 1 < sql.length() && sql.charAt(at + 1) == ':';
                if (!cast && at + 1 < sql.length() && sql.charAt(at + 1) == '=') {
                    throw unexpected("':='");
                }
                add(Kind.PUNCTUATION, at, at + (cast ? 2 : 1));
            } else if ("(),.".indexOf(c) >= 0 || ((c == '[' || c == ']') && lexicon == SqlLexicon.POSTGRESQL)) {
                add(Kind.PUNCTUATION, at, at + 1);
            } else if (lexicon.isOperatorChar(c)) {
                add(Kind.OPERATOR, at, operatorEnd(at));
            } else {
                throw refused(c);
            }
        }
        return List.copyOf(tokens);
    }

    private InvalidSqlException refused(char c) {
        return switch (c) {
            case ';' -> unexpected("';'");
            case '$' -> unexpected(lexicon == SqlLexicon.POSTGRESQL ? "'$' (dollar quoting or a parameter)" : "'$'");
            case '?', ':', '@' -> unexpected("'" + c + "' (a parameter or variable)");
            case '\\' -> unexpected("backslash");
            case '"' -> unexpected("'\"'");
            default -> Character.isISOControl(c) || c >= 0x80 ? unexpected("character U+" + String.format("%04X", (int) c))
                    : unexpected("'" + c + "'");
        };
    }

    private boolean startsComment() {
        return sql.startsWith("--", at) || sql.startsWith("/*", at) || (lexicon == SqlLexicon.MYSQL && sql.charAt(at) == '#');
    }

    private void comment() {
        if (!skipComments) {
            throw unexpected(sql.startsWith("/*!", at) || sql.startsWith("/*M!", at) ? "executable comment" : "comment");
        }
        if (sql.startsWith("--", at)) {
            int end = sql.indexOf('\n', at);
            at = end < 0 ? sql.length() : end + 1;
        } else {
            // SQLite ends a block comment at the first */ (no nesting), or at the end of the text
            int end = sql.indexOf("*/", at + 2);
            at = end < 0 ? sql.length() : end + 2;
        }
        spaceBefore = true;
    }

    /** The end of the {@code '…'} literal starting at {@code start}. */
    private int string(int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && lexicon.backslashEscapes()) {
                i++;
            } else if (c == '\0') {
                throw unexpected("NUL character");
            }
            i++;
        }
        throw new InvalidSqlException("unterminated string literal");
    }

    private int quotedName(int start) {
        char open = sql.charAt(start);
        char close = open == '[' ? ']' : open;
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\0') {
                throw unexpected("NUL character");
            }
            if (c == close) {
                if (close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                if (i == start + 1) {
                    throw new InvalidSqlException("empty quoted name");
                }
                return i + 1;
            }
            i++;
        }
        throw new InvalidSqlException("unterminated quoted name");
    }

    private int number(int start) {
        int i = start;
        if (lexicon == SqlLexicon.SQLITE && (sql.startsWith("0x", i) || sql.startsWith("0X", i))) {
            i += 2;
            int digits = i;
            while (i < sql.length() && Character.digit(sql.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == digits) {
                throw unexpected("'" + sql.substring(start, i) + "'");
            }
            return endOfNumber(start, i);
        }
        i = digits(i);
        if (i < sql.length() && sql.charAt(i) == '.') {
            i = digits(i + 1);
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < sql.length() && isDigit(sql.charAt(exponent))) {
                i = digits(exponent);
            }
        }
        return endOfNumber(start, i);
    }

    /** A number runs into no name: {@code 1abc} or {@code 0x1F} read differently across backends and versions. */
    private int endOfNumber(int start, int end) {
        if (end < sql.length() && (isWordPart(sql.charAt(end)) || sql.charAt(end) == '$')) {
            throw unexpected("'" + sql.charAt(end) + "' after the number " + sql.substring(start, end));
        }
        return end;
    }

    private int digits(int from) {
        int i = from;
        while (i < sql.length() && isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private void word() {
        int start = at;
        int end = at + 1;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        if (end < sql.length() && sql.charAt(end) == '$') {
            throw unexpected("'$'");
        }
        String word = sql.substring(start, end);
        boolean quoteFollows = end < sql.length() && sql.charAt(end) == '\'';
        if (lexicon == SqlLexicon.POSTGRESQL && word.equalsIgnoreCase("U") && sql.startsWith("&", end)
                && end + 1 < sql.length() && (sql.charAt(end + 1) == '\'' || sql.charAt(end + 1) == '"')) {
            throw unexpected("Unicode escape literal U&");
        }
        if (!quoteFollows) {
            add(Kind.WORD, start, end);
            return;
        }
        if (lexicon == SqlLexicon.MYSQL && (word.startsWith("_") || word.matches("(?i)[nxb]"))) {
            // an introducer (_utf8mb4'…'), national, hex or bit literal: one literal token
            int close = string(end);
            requireDigits(word, sql.substring(end + 1, close - 1));
            add(Kind.STRING, start, close);
        } else if (lexicon == SqlLexicon.SQLITE && word.equalsIgnoreCase("x")) {
            int close = string(end);
            requireDigits(word, sql.substring(end + 1, close - 1));
            add(Kind.STRING, start, close);
        } else {
            throw unexpected("string prefix " + word);
        }
    }

    private static void requireDigits(String prefix, String body) {
        String digits = switch (prefix.toLowerCase(java.util.Locale.ROOT)) {
            case "x" -> "0123456789abcdefABCDEF";
            case "b" -> "01";
            default -> null;
        };
        if (digits != null && !body.chars().allMatch(c -> digits.indexOf(c) >= 0)) {
            throw new InvalidSqlException("malformed " + prefix + "'…' literal");
        }
    }

    private int operatorEnd(int start) {
        int i = start;
        while (i < sql.length() && lexicon.isOperatorChar(sql.charAt(i))) {
            if (i > start && (sql.startsWith("--", i) || sql.startsWith("/*", i))) {
                break;
            }
            i++;
        }
        return i;
    }

    private void add(Kind kind, int start, int end) {
        tokens.add(new SqlToken(kind, sql.substring(start, end), spaceBefore));
        spaceBefore = false;
        at = end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c));
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    private static InvalidSqlException unexpected(String what) {
        return new InvalidSqlException("unexpected " + what);
    }
}

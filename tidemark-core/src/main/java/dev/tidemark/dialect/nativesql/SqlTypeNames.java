package dev.tidemark.dialect.nativesql;

import dev.tidemark.dialect.nativesql.SqlToken.Kind;
import java.util.Set;

/**
 * Type names as each backend declares them: PostgreSQL's {@code format_type} forms ({@code character varying(20)},
 * {@code timestamp(3) with time zone}, {@code public."MyEnum"[]}, {@code interval day to second}), MySQL's
 * {@code COLUMN_TYPE} with character set and collation ({@code int(10) unsigned zerofill},
 * {@code enum('a','b') CHARACTER SET utf8mb4 COLLATE utf8mb4_bin}), SQLite's words with an optional
 * {@code (n[, m])}. Nothing may follow but what the backend's type syntax allows, so a column constraint
 * ({@code DEFAULT}, {@code REFERENCES}, {@code CHECK}) or a second column never rides along.
 */
final class SqlTypeNames {
    private static final Set<String> INTERVAL_FIELDS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");
    /** Words that end a SQLite type: they start a column constraint. */
    private static final Set<String> SQLITE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
            "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS", "ON", "AUTOINCREMENT");

    private SqlTypeNames() {
    }

    static void read(SqlCursor in, SqlLexicon lexicon) {
        switch (lexicon) {
            case POSTGRESQL -> postgres(in);
            case MYSQL -> mysql(in);
            case SQLITE -> sqlite(in);
            default -> throw new IllegalArgumentException(lexicon.toString());
        }
    }

    private static void postgres(SqlCursor in) {
        SqlToken first = name(in);
        String base = first.kind() == Kind.WORD ? first.upper() : "";
        switch (base) {
            case "DOUBLE" -> in.expectWord("PRECISION");
            case "CHARACTER", "CHAR", "NCHAR", "BIT" -> in.acceptWord("VARYING");
            case "NATIONAL" -> {
                if (!in.acceptWord("CHARACTER", "CHAR")) {
                    throw in.unexpected();
                }
                in.acceptWord("VARYING");
            }
            default -> {
                if (in.peekIs(".")) {
                    in.next();
                    name(in);
                }
            }
        }
        modifiers(in, Kind.NUMBER, Kind.WORD, Kind.QUOTED_NAME, Kind.STRING);
        if ((base.equals("TIME") || base.equals("TIMESTAMP")) && in.acceptWord("WITH", "WITHOUT")) {
            in.expectWord("TIME");
            in.expectWord("ZONE");
        }
        if (base.equals("INTERVAL") && intervalField(in) && in.acceptWord("TO") && !intervalField(in)) {
            throw in.unexpected();
        }
        while (in.accept("[")) {
            if (in.peek() != null && in.peek().kind() == Kind.NUMBER) {
                in.next();
            }
            in.expect("]");
        }
    }

    private static boolean intervalField(SqlCursor in) {
        SqlToken next = in.peek();
        if (next == null || next.kind() != Kind.WORD || !INTERVAL_FIELDS.contains(next.upper())) {
            return false;
        }
        in.next();
        modifiers(in, Kind.NUMBER);
        return true;
    }

    private static void mysql(SqlCursor in) {
        SqlToken first = in.next();
        if (first.kind() != Kind.WORD || !SqlWords.isName(first)) {
            throw SqlCursor.invalid("unexpected " + first.describe());
        }
        switch (first.upper()) {
            case "DOUBLE" -> in.acceptWord("PRECISION");
            case "SIGNED", "UNSIGNED" -> in.acceptWord("INTEGER", "INT");
            case "NATIONAL" -> in.acceptWord("CHAR", "CHARACTER", "VARCHAR");
            case "CHAR", "CHARACTER" -> in.acceptWord("VARYING");
            case "LONG" -> in.acceptWord("VARCHAR", "VARBINARY");
            default -> {
                // a one-word type
            }
        }
        modifiers(in, Kind.NUMBER, Kind.STRING);
        while (in.acceptWord("UNSIGNED", "SIGNED", "ZEROFILL")) {
            // any of them, in the order the server printed them
        }
        if (in.acceptWord("CHARACTER")) {
            in.expectWord("SET");
            mysqlCharacterSetName(in);
        } else if (in.acceptWord("CHARSET")) {
            mysqlCharacterSetName(in);
        }
        if (in.acceptWord("COLLATE")) {
            mysqlCharacterSetName(in);
        }
    }

    /** A character set or collation name: {@code utf8mb4}, {@code `utf8mb4_bin`}, {@code 'latin1'}. */
    static void mysqlCharacterSetName(SqlCursor in) {
        SqlToken name = in.next();
        if (!(name.kind() == Kind.STRING || (name.isName() && SqlWords.isName(name)))) {
            throw SqlCursor.invalid("unexpected " + name.describe() + ", expected a character set or collation");
        }
    }

    private static void sqlite(SqlCursor in) {
        int words = 0;
        for (SqlToken next = in.peek(); next != null && isSqliteTypeWord(next); next = in.peek()) {
            in.next();
            words++;
        }
        if (words == 0) {
            throw in.unexpected();
        }
        if (in.accept("(")) {
            signedNumber(in);
            if (in.accept(",")) {
                signedNumber(in);
            }
            in.expect(")");
        }
    }

    private static boolean isSqliteTypeWord(SqlToken token) {
        return token.kind() == Kind.STRING || token.kind() == Kind.QUOTED_NAME
                || (token.kind() == Kind.WORD && SqlWords.isName(token) && !SQLITE_CONSTRAINTS.contains(token.upper()));
    }

    private static void signedNumber(SqlCursor in) {
        if (!in.accept("+")) {
            in.accept("-");
        }
        if (in.peek() == null || in.peek().kind() != Kind.NUMBER) {
            throw in.unexpected();
        }
        in.next();
    }

    /** {@code ( m [, m]… )} when it follows, each {@code m} of one of {@code kinds}. */
    private static void modifiers(SqlCursor in, Kind... kinds) {
        if (!in.accept("(")) {
            return;
        }
        do {
            SqlToken modifier = in.next();
            if (!isOneOf(modifier, kinds) || (modifier.kind() == Kind.WORD && !SqlWords.isName(modifier))) {
                throw SqlCursor.invalid("unexpected " + modifier.describe() + " in a type modifier");
            }
        } while (in.accept(","));
        in.expect(")");
    }

    private static boolean isOneOf(SqlToken token, Kind... kinds) {
        for (Kind kind : kinds) {
            if (token.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** A PostgreSQL type or schema name. */
    private static SqlToken name(SqlCursor in) {
        SqlToken name = in.next();
        if (!name.isName() || !SqlWords.isName(name)) {
            throw SqlCursor.invalid("unexpected " + name.describe() + ", expected a type name");
        }
        return name;
    }
}

package dev.tidemark.dialect.nativesql;

/**
 * The grammars native SQL from an archive (or a migration's source) must follow before a restore writes it into
 * DDL. Each method reads the whole text in one backend's lexical rules and returns it written out again from the
 * tokens it accepted, or throws {@link InvalidSqlException} naming the first thing it refused. The dialects take
 * bigger constructs (index definitions) apart with {@link #expression(SqlCursor, SqlLexicon)} and
 * {@link #typeName(SqlCursor, SqlLexicon)} and rebuild them from the pieces.
 */
public final class SqlGrammar {
    private SqlGrammar() {
    }

    /** A column type, e.g. {@code character varying(20)} or {@code int(10) unsigned}. */
    public static String typeName(String text, SqlLexicon lexicon) {
        SqlCursor in = SqlCursor.of(text, lexicon);
        typeName(in, lexicon);
        in.expectEnd();
        return in.renderFrom(0);
    }

    /**
     * A column default: one expression, whose outermost operand carries no {@code COLLATE} (in a column definition
     * that would set the column's collation).
     */
    public static String defaultExpression(String text, SqlLexicon lexicon) {
        SqlCursor in = SqlCursor.of(text, lexicon);
        new SqlExpressions(in, lexicon, false).expression();
        in.expectEnd();
        return in.renderFrom(0);
    }

    /** An index predicate: one expression. */
    public static String predicate(String text, SqlLexicon lexicon) {
        SqlCursor in = SqlCursor.of(text, lexicon);
        expression(in, lexicon);
        in.expectEnd();
        return in.renderFrom(0);
    }

    /** Reads one expression at the cursor; what follows it is the caller's. */
    public static void expression(SqlCursor in, SqlLexicon lexicon) {
        new SqlExpressions(in, lexicon, true).expression();
    }

    /** Reads one type name at the cursor; what follows it is the caller's. */
    public static void typeName(SqlCursor in, SqlLexicon lexicon) {
        SqlTypeNames.read(in, lexicon);
    }

    /** Whether {@code token} may stand as a name (a quoted name, or a word that is no clause or query keyword). */
    public static boolean isName(SqlToken token) {
        return token != null && SqlWords.isName(token);
    }
}

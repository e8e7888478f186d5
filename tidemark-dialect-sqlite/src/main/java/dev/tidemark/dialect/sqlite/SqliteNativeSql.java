package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.nativesql.InvalidSqlException;
import dev.tidemark.dialect.nativesql.NativeSqlField;
import dev.tidemark.dialect.nativesql.ReferentialAction;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlToken;
import dev.tidemark.dialect.nativesql.SqlTokenizer;
import dev.tidemark.schema.Table;
import java.util.List;

/**
 * The native SQL a restore into SQLite takes from the schema, each piece read in its grammar ({@link SqlGrammar})
 * and written out again from what was read; anything else refuses the archive, naming the table and the field.
 */
final class SqliteNativeSql {
    private static final SqlLexicon LEXICON = SqlLexicon.SQLITE;

    private SqliteNativeSql() {
    }

    /** The declared type of column {@code i}, from its native type; empty for a column without one. */
    static String typeName(Table table, int i) {
        String text = table.columns().get(i).type().nativeType();
        if (text == null || text.isBlank()) {
            return "";
        }
        return NativeSqlField.of(table.name(), "columns", i, "type.nativeType")
                .read(LEXICON, "type name", () -> SqlGrammar.typeName(text, LEXICON));
    }

    /**
     * The native default of column {@code i} as a column definition takes it: a literal or signed number as it
     * is, any other expression in the parentheses SQLite requires (its pragmas report a default without them).
     */
    static String defaultExpression(Table table, int i) {
        String text = table.columns().get(i).nativeDefault();
        String expression = NativeSqlField.of(table.name(), "columns", i, "nativeDefault")
                .read(LEXICON, "default expression", () -> SqlGrammar.defaultExpression(text, LEXICON));
        return isLiteral(SqlTokenizer.tokenize(expression, LEXICON)) ? expression : "(" + expression + ")";
    }

    private static boolean isLiteral(List<SqlToken> tokens) {
        if (tokens.size() == 2) {
            return (tokens.get(0).is("-") || tokens.get(0).is("+")) && tokens.get(1).kind() == SqlToken.Kind.NUMBER;
        }
        if (tokens.size() != 1) {
            return false;
        }
        SqlToken token = tokens.get(0);
        return token.kind() == SqlToken.Kind.STRING || token.kind() == SqlToken.Kind.NUMBER || token.isWord("NULL")
                || token.isWord("TRUE") || token.isWord("FALSE") || token.isWord("CURRENT_TIME")
                || token.isWord("CURRENT_DATE") || token.isWord("CURRENT_TIMESTAMP");
    }

    /** The definition of index {@code i}, taken apart. */
    static SqliteIndexDefinition indexDefinition(Table table, int i) {
        String text = table.indexes().get(i).nativeSql();
        return NativeSqlField.of(table.name(), "indexes", i, "nativeSql")
                .read(LEXICON, "index definition", () -> SqliteIndexDefinition.parse(text));
    }

    /** The predicate of index {@code i} of a table read from SQLite. */
    static String indexPredicate(Table table, int i) {
        String text = table.indexes().get(i).where();
        return NativeSqlField.of(table.name(), "indexes", i, "where")
                .read(LEXICON, "index predicate", () -> SqlGrammar.predicate(text, LEXICON));
    }

    /** The predicate of index {@code i} of a table of another backend, or null when SQLite cannot read it. */
    static String foreignIndexPredicate(Table table, int i) {
        try {
            return SqlGrammar.predicate(table.indexes().get(i).where(), LEXICON);
        } catch (InvalidSqlException e) {
            return null;
        }
    }

    /** The ON DELETE ({@code delete}) or ON UPDATE action of foreign key {@code i}, or null for none. */
    static ReferentialAction action(Table table, int i, boolean delete) {
        var fk = table.foreignKeys().get(i);
        String text = delete ? fk.onDelete() : fk.onUpdate();
        return NativeSqlField.of(table.name(), "foreignKeys", i, delete ? "onDelete" : "onUpdate")
                .read(LEXICON, "referential action", () -> ReferentialAction.parse(text));
    }
}

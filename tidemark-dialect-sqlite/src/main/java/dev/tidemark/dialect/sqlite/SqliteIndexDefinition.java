package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.nativesql.SqlCursor;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * An index as SQLite keeps its CREATE statement, taken apart:
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON table (column, …) [WHERE predicate]}, each
 * column an expression with optional {@code COLLATE} and {@code ASC}/{@code DESC}. The source's names are read
 * and dropped: a restore rebuilds the statement with its own quoted names around the pieces.
 *
 * @param columns   the indexed columns as written out again from their tokens
 * @param predicate the partial-index predicate, or null
 */
record SqliteIndexDefinition(List<String> columns, String predicate) {
    private static final SqlLexicon LEXICON = SqlLexicon.SQLITE;

    /** @throws dev.tidemark.dialect.nativesql.InvalidSqlException when {@code sql} is not such a statement */
    static SqliteIndexDefinition parse(String sql) {
        SqlCursor in = SqlCursor.of(sql, LEXICON);
        in.expectWord("CREATE");
        in.acceptWord("UNIQUE");
        in.expectWord("INDEX");
        if (in.acceptWord("IF")) {
            in.expectWord("NOT");
            in.expectWord("EXISTS");
        }
        name(in);
        if (in.accept(".")) {
            name(in);
        }
        in.expectWord("ON");
        name(in);
        List<String> columns = new ArrayList<>();
        in.expect("(");
        do {
            int start = in.position();
            SqlGrammar.expression(in, LEXICON);
            in.acceptWord("ASC", "DESC");
            columns.add(in.renderFrom(start));
        } while (in.accept(","));
        in.expect(")");
        String predicate = null;
        if (in.acceptWord("WHERE")) {
            int start = in.position();
            SqlGrammar.expression(in, LEXICON);
            predicate = in.renderFrom(start);
        }
        in.expectEnd();
        return new SqliteIndexDefinition(List.copyOf(columns), predicate);
    }

    /** The statement that creates this index as {@code quotedName} on {@code quotedTable} of the main database. */
    String toSql(boolean unique, String quotedName, String quotedTable) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX main." + quotedName + " ON " + quotedTable + " ("
                + String.join(", ", columns) + ")" + (predicate == null ? "" : " WHERE " + predicate);
    }

    /** A name: SQLite takes words, quoted names and string literals. */
    private static void name(SqlCursor in) {
        SqlToken name = in.next();
        if (!(name.kind() == SqlToken.Kind.STRING || SqlGrammar.isName(name))) {
            throw SqlCursor.invalid("unexpected " + (name.kind() == SqlToken.Kind.WORD ? "keyword " + name.text() : "'"
                    + name.text() + "'") + ", expected a name");
        }
    }
}

package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.nativesql.SqlCursor;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * An index as {@link MysqlSchemaReader} writes it for keys the portable model cannot hold:
 * {@code CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX name ON table (column[(length)] [ASC | DESC], …)}. The
 * source's names are read and dropped: a restore rebuilds the statement with its own quoted names.
 *
 * @param kind  {@code UNIQUE}, {@code FULLTEXT}, {@code SPATIAL} or empty
 * @param parts the key parts, each a quoted column with its prefix length and order
 */
record MysqlIndexDefinition(String kind, List<String> parts) {
    private static final SqlLexicon LEXICON = SqlLexicon.MYSQL;

    /** @throws dev.tidemark.dialect.nativesql.InvalidSqlException when {@code sql} is not such a statement */
    static MysqlIndexDefinition parse(String sql) {
        SqlCursor in = SqlCursor.of(sql, LEXICON);
        in.expectWord("CREATE");
        String kind = "";
        if (in.peekWord("UNIQUE", "FULLTEXT", "SPATIAL")) {
            kind = in.next().text().toUpperCase(java.util.Locale.ROOT);
        }
        in.expectWord("INDEX");
        name(in);
        in.expectWord("ON");
        name(in);
        in.expect("(");
        List<String> parts = new ArrayList<>();
        do {
            StringBuilder part = new StringBuilder(MysqlDdl.quote(name(in).name()));
            if (in.accept("(")) {
                SqlToken length = in.next();
                if (length.kind() != SqlToken.Kind.NUMBER || !length.text().matches("\\d{1,5}")) {
                    throw SqlCursor.invalid("unexpected '" + length.text() + "' as a key prefix length");
                }
                in.expect(")");
                part.append('(').append(length.text()).append(')');
            }
            if (in.peekWord("ASC", "DESC")) {
                part.append(' ').append(in.next().text().toUpperCase(java.util.Locale.ROOT));
            }
            parts.add(part.toString());
        } while (in.accept(","));
        in.expect(")");
        in.expectEnd();
        return new MysqlIndexDefinition(kind, List.copyOf(parts));
    }

    /** The statement that creates this index as {@code name} on {@code table}. */
    String toSql(String name, String table) {
        return "CREATE " + (kind.isEmpty() ? "" : kind + " ") + "INDEX " + MysqlDdl.quote(name) + " ON " + MysqlDdl.quote(table)
                + " (" + String.join(", ", parts) + ")";
    }

    private static SqlToken name(SqlCursor in) {
        SqlToken name = in.expectName();
        if (!SqlGrammar.isName(name)) {
            throw SqlCursor.invalid("unexpected keyword " + name.text() + ", expected a name");
        }
        return name;
    }
}

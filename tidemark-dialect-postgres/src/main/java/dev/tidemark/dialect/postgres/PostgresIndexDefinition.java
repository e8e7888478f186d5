package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.nativesql.SqlCursor;
import dev.tidemark.dialect.nativesql.SqlGrammar;
import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * An index as {@code pg_get_indexdef} prints it, taken apart:
 * {@code CREATE [UNIQUE] INDEX name ON [ONLY] table USING method (element, …) [INCLUDE (column, …)]
 * [NULLS NOT DISTINCT] [WITH (parameter = value, …)] [WHERE predicate]}. Each element is an expression with
 * optional {@code COLLATE}, operator class (with parameters), {@code ASC}/{@code DESC} and
 * {@code NULLS FIRST}/{@code LAST}. The source's index and table names are read and dropped: a restore
 * rebuilds the statement with its own quoted names around the pieces.
 *
 * @param method     the access method, e.g. {@code btree}, {@code gin}
 * @param elements   the key elements as written out again from their tokens
 * @param include    the non-key columns
 * @param nullsNotDistinct whether NULLs count as equal for uniqueness (PostgreSQL 15)
 * @param parameters storage parameters, e.g. {@code fillfactor='70'}
 * @param predicate  the partial-index predicate, or null
 */
record PostgresIndexDefinition(String method, List<String> elements, List<String> include, boolean nullsNotDistinct,
                               List<String> parameters, String predicate) {
    private static final SqlLexicon LEXICON = SqlLexicon.POSTGRESQL;

    /** @throws dev.tidemark.dialect.nativesql.InvalidSqlException when {@code sql} is not such a definition */
    static PostgresIndexDefinition parse(String sql) {
        SqlCursor in = SqlCursor.of(sql, LEXICON);
        in.expectWord("CREATE");
        in.acceptWord("UNIQUE");
        in.expectWord("INDEX");
        name(in);
        in.expectWord("ON");
        in.acceptWord("ONLY");
        name(in);
        if (in.accept(".")) {
            name(in);
        }
        in.expectWord("USING");
        String method = name(in).text();
        List<String> elements = new ArrayList<>();
        in.expect("(");
        do {
            int start = in.position();
            element(in);
            elements.add(in.renderFrom(start));
        } while (in.accept(","));
        in.expect(")");
        List<String> include = new ArrayList<>();
        if (in.acceptWord("INCLUDE")) {
            in.expect("(");
            do {
                include.add(name(in).text());
            } while (in.accept(","));
            in.expect(")");
        }
        boolean nullsNotDistinct = false;
        if (in.acceptWord("NULLS")) {
            in.expectWord("NOT");
            in.expectWord("DISTINCT");
            nullsNotDistinct = true;
        }
        List<String> parameters = in.acceptWord("WITH") ? parameters(in) : List.of();
        String predicate = null;
        if (in.acceptWord("WHERE")) {
            int start = in.position();
            SqlGrammar.expression(in, LEXICON);
            predicate = in.renderFrom(start);
        }
        in.expectEnd();
        return new PostgresIndexDefinition(method, List.copyOf(elements), List.copyOf(include), nullsNotDistinct,
                parameters, predicate);
    }

    /** The statement that creates this index as {@code quotedName} on {@code qualifiedTable}. */
    String toSql(boolean unique, String quotedName, String qualifiedTable) {
        StringBuilder sql = new StringBuilder("CREATE ").append(unique ? "UNIQUE " : "").append("INDEX ").append(quotedName)
                .append(" ON ").append(qualifiedTable).append(" USING ").append(method)
                .append(" (").append(String.join(", ", elements)).append(')');
        if (!include.isEmpty()) {
            sql.append(" INCLUDE (").append(String.join(", ", include)).append(')');
        }
        if (nullsNotDistinct) {
            sql.append(" NULLS NOT DISTINCT");
        }
        if (!parameters.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", parameters)).append(')');
        }
        if (predicate != null) {
            sql.append(" WHERE ").append(predicate);
        }
        return sql.toString();
    }

    /** {@code expression [COLLATE c] [opclass [(parameters)]] [ASC | DESC] [NULLS FIRST | LAST]}. */
    private static void element(SqlCursor in) {
        SqlGrammar.expression(in, LEXICON);
        SqlToken next = in.peek();
        if (next != null && SqlGrammar.isName(next) && !in.peekWord("ASC", "DESC", "NULLS")) {
            name(in);
            if (in.accept(".")) {
                name(in);
            }
            if (in.peekIs("(")) {
                in.next();
                parameterList(in);
            }
        }
        in.acceptWord("ASC", "DESC");
        if (in.acceptWord("NULLS") && !in.acceptWord("FIRST", "LAST")) {
            throw in.unexpected();
        }
    }

    private static List<String> parameters(SqlCursor in) {
        in.expect("(");
        return parameterList(in);
    }

    /** {@code name = value, …)}, the opening parenthesis already read. */
    private static List<String> parameterList(SqlCursor in) {
        List<String> parameters = new ArrayList<>();
        do {
            int start = in.position();
            name(in);
            in.expect("=");
            SqlToken value = in.next();
            boolean simple = value.kind() == SqlToken.Kind.STRING || value.kind() == SqlToken.Kind.NUMBER
                    || (value.kind() == SqlToken.Kind.WORD && SqlGrammar.isName(value));
            if (!simple) {
                throw SqlCursor.invalid("unexpected " + value.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " as a storage parameter value");
            }
            parameters.add(in.renderFrom(start));
        } while (in.accept(","));
        in.expect(")");
        return List.copyOf(parameters);
    }

    private static SqlToken name(SqlCursor in) {
        SqlToken name = in.expectName();
        if (!SqlGrammar.isName(name)) {
            throw SqlCursor.invalid("unexpected keyword " + name.text() + ", expected a name");
        }
        return name;
    }
}

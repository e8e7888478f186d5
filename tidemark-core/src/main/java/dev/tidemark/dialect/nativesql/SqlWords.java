package dev.tidemark.dialect.nativesql;

import java.util.Set;

/** Keywords the grammars treat specially. */
final class SqlWords {
    /** Words that start a query inside an expression; never accepted unquoted. */
    static final Set<String> QUERY = Set.of("SELECT", "VALUES", "TABLE", "WITH", "LATERAL", "EXISTS");

    /**
     * Words that start a statement. A column may carry such a name (PostgreSQL prints unreserved keywords such
     * as {@code update} unquoted), so one is accepted where it stands alone as a column, never in front of a name,
     * literal or parenthesis.
     */
    static final Set<String> STATEMENT = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "DROP", "CREATE",
            "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COPY", "DO", "CALL", "EXECUTE", "EXEC", "PREPARE", "DEALLOCATE",
            "ATTACH", "DETACH", "PRAGMA", "VACUUM", "ANALYZE", "REINDEX", "LOAD", "HANDLER", "RENAME", "SHUTDOWN",
            "KILL", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "LISTEN", "NOTIFY", "EXPLAIN", "DECLARE",
            "CHECKPOINT", "LOCK", "UNLOCK", "SET", "RESET", "SHOW", "USE", "BACKUP", "RESTORE", "PURGE", "FLUSH",
            "INSTALL", "UNINSTALL", "IMPORT", "SECURITY", "REFRESH", "CLUSTER", "COMMENT", "REASSIGN", "DISCARD");

    /** Words that build clauses around an expression and never stand for a value. */
    static final Set<String> CLAUSE = Set.of("AND", "OR", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "WHEN", "THEN",
            "ELSE", "END", "FROM", "FOR", "AS", "ASC", "DESC", "COLLATE", "ON", "WHERE", "ORDER", "BY", "GROUP", "HAVING",
            "LIMIT", "OFFSET", "USING", "CHECK", "CONSTRAINT", "REFERENCES", "PRIMARY", "UNIQUE", "DEFAULT", "FOREIGN",
            "INTO", "UNION", "INTERSECT", "EXCEPT", "JOIN", "WINDOW", "RETURNING", "ESCAPE", "FETCH", "OVER", "FILTER");

    /** Words that continue an expression after an operand, besides the clause words. */
    static final Set<String> OPERATOR = Set.of("NOT", "ISNULL", "NOTNULL", "AT", "OPERATOR", "XOR", "DIV", "MOD", "REGEXP",
            "RLIKE", "GLOB", "MATCH", "SIMILAR", "OVERLAPS", "SOUNDS", "NULLS");

    private SqlWords() {
    }

    /** Whether {@code upper} is one of the keywords above, so a message calls it a keyword. */
    static boolean isKeyword(String upper) {
        return QUERY.contains(upper) || STATEMENT.contains(upper) || CLAUSE.contains(upper) || OPERATOR.contains(upper)
                || Set.of("CAST", "CASE", "ARRAY", "INTERVAL", "NULL", "TRUE", "FALSE", "GENERATED", "COMMENT", "UNSIGNED",
                "SIGNED", "ZEROFILL", "CHARACTER", "CHARSET", "AUTOINCREMENT", "TABLESPACE", "INCLUDE").contains(upper);
    }

    /** Whether an unquoted word can name a column, function or type here. */
    static boolean isName(SqlToken token) {
        if (token.kind() == SqlToken.Kind.QUOTED_NAME) {
            return true;
        }
        return token.kind() == SqlToken.Kind.WORD && !QUERY.contains(token.upper()) && !CLAUSE.contains(token.upper());
    }
}

package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.nativesql.SqlLexicon;
import dev.tidemark.dialect.nativesql.SqlTokenizer;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the DDL of a restore one statement at a time. sqlite-jdbc's {@code Statement.executeUpdate} runs every
 * statement of a string and {@code execute} only its first; DDL goes through {@code execute}, after SQLite's
 * lexical rules found no {@code ;} outside its literals and names (the tokenizer refuses one), so a string with a
 * second statement is refused rather than cut short.
 */
final class SqliteStatements {
    private SqliteStatements() {
    }

    static void execute(Statement statement, String sql) throws SQLException {
        SqlTokenizer.tokenize(sql, SqlLexicon.SQLITE);
        statement.execute(sql);
    }
}
